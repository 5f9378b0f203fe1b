namespace ScimFunctions.Core.Schemas;

/// <summary>
/// Builds RFC 7643 §2.4 multi-valued complex attributes of the common shape <c>value / display / type / primary</c>
/// (emails, phoneNumbers, ims, photos, entitlements, roles, x509Certificates), so each is declared once.
/// </summary>
internal static class MultiValuedAttributes
{
    public static AttributeDefinition ValueDisplayTypePrimary(
        string name,
        string description,
        string valueDescription,
        IReadOnlyList<string>? typeCanonicalValues = null,
        ScimAttributeType valueType = ScimAttributeType.String,
        IReadOnlyList<string>? valueReferenceTypes = null) =>
        new(
            name,
            ScimAttributeType.Complex,
            multiValued: true,
            description: description,
            subAttributes:
            [
                new("value", valueType, description: valueDescription, referenceTypes: valueReferenceTypes),
                new("display", ScimAttributeType.String, description: "A human-readable name, primarily used for display purposes. READ-ONLY."),
                new("type", ScimAttributeType.String, description: "A label indicating the attribute's function.", canonicalValues: typeCanonicalValues),
                Primary(name),
            ]);

    public static AttributeDefinition Primary(string attributeName) =>
        new(
            "primary",
            ScimAttributeType.Boolean,
            description: $"A Boolean value indicating the 'primary' or preferred attribute value for {attributeName}. The primary attribute value 'true' MUST appear no more than once.");
}
