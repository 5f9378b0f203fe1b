namespace ScimFunctions.Core.Schemas;

/// <summary>
/// The attributes every resource carries (RFC 7643 §3.1): id, externalId, meta. They belong to no schema's
/// attribute list but resolve as part of the core schema of every resource type.
/// </summary>
public static class CommonAttributes
{
    public static AttributeDefinition Id { get; } = new(
        "id", ScimAttributeType.String, caseExact: true, mutability: Mutability.ReadOnly, returned: Returned.Always, uniqueness: Uniqueness.Server,
        description: "Unique identifier for the SCIM resource as defined by the service provider.");

    public static AttributeDefinition ExternalId { get; } = new(
        "externalId", ScimAttributeType.String, caseExact: true,
        description: "Identifier for the resource as defined by the provisioning client.");

    public static AttributeDefinition Meta { get; } = new(
        "meta", ScimAttributeType.Complex, mutability: Mutability.ReadOnly,
        description: "Resource metadata.",
        subAttributes:
        [
            new("resourceType", ScimAttributeType.String, caseExact: true, mutability: Mutability.ReadOnly, description: "The name of the resource type of the resource."),
            new("created", ScimAttributeType.DateTime, mutability: Mutability.ReadOnly, description: "The date and time the resource was added to the service provider."),
            new("lastModified", ScimAttributeType.DateTime, mutability: Mutability.ReadOnly, description: "The most recent date and time the resource was modified."),
            new("location", ScimAttributeType.Reference, caseExact: true, mutability: Mutability.ReadOnly, referenceTypes: ["uri"], description: "The URI of the resource being returned."),
            new("version", ScimAttributeType.String, caseExact: true, mutability: Mutability.ReadOnly, description: "The version (ETag) of the resource being returned."),
        ]);

    public static IReadOnlyList<AttributeDefinition> All { get; } = [Id, ExternalId, Meta];

    public static AttributeDefinition? Find(string name)
    {
        for (var i = 0; i < All.Count; i++) // no enumerator: called per attribute of every document rendered
        {
            if (string.Equals(All[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return All[i];
            }
        }

        return null;
    }
}
