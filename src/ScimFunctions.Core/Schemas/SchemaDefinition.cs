namespace ScimFunctions.Core.Schemas;

/// <summary>A schema (RFC 7643 §7): its URN id, name, description and attributes. Immutable.</summary>
public sealed class SchemaDefinition(string id, string name, string description, IReadOnlyList<AttributeDefinition> attributes)
{
    /// <summary>The schema URN, e.g. <c>urn:ietf:params:scim:schemas:core:2.0:User</c>.</summary>
    public string Id { get; } = DefinitionArguments.NotEmpty(id);
    public string Name { get; } = name;
    public string Description { get; } = description;
    public IReadOnlyList<AttributeDefinition> Attributes { get; } = attributes;

    /// <summary>Finds a top-level attribute by name, case-insensitively.</summary>
    public AttributeDefinition? FindAttribute(string name)
    {
        for (var i = 0; i < Attributes.Count; i++) // no enumerator: called per attribute of every document handled
        {
            if (string.Equals(Attributes[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return Attributes[i];
            }
        }

        return null;
    }

    public override string ToString() => Id;
}
