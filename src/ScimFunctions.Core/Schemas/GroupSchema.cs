namespace ScimFunctions.Core.Schemas;

/// <summary>The core Group schema, RFC 7643 §4.2 with the characteristics of §8.7.1.</summary>
internal static class GroupSchema
{
    // §8.7.1 marks displayName "required": false, but §4.2 says REQUIRED and every identity provider sends it;
    // the store indexes it for Entra's displayName eq matching, so it is required here.
    // members.display is not in §8.7.1; §4.2 and real traffic (Okta, Entra) carry it, so it is declared, immutable
    // like the other member sub-attributes.
    public static SchemaDefinition Build() => new(
        ScimSchemaUrns.Group,
        "Group",
        "Group",
        [
            new("displayName", ScimAttributeType.String, required: true, description: "A human-readable name for the Group. REQUIRED."),
            new("members", ScimAttributeType.Complex, multiValued: true,
                description: "A list of members of the Group.",
                subAttributes:
                [
                    new("value", ScimAttributeType.String, mutability: Mutability.Immutable, description: "Identifier of the member of this Group."),
                    new("$ref", ScimAttributeType.Reference, mutability: Mutability.Immutable, referenceTypes: ["User", "Group"], description: "The URI corresponding to a SCIM resource that is a member of this Group."),
                    new("display", ScimAttributeType.String, mutability: Mutability.Immutable, description: "A human-readable name, primarily used for display purposes."),
                    new("type", ScimAttributeType.String, mutability: Mutability.Immutable, canonicalValues: ["User", "Group"], description: "A label indicating the type of resource, e.g., 'User' or 'Group'."),
                ]),
        ]);
}
