namespace ScimFunctions.Core.Schemas;

/// <summary>A schema extension of a resource type and whether resources must carry it.</summary>
public sealed record SchemaExtension(SchemaDefinition Schema, bool Required);

/// <summary>
/// A resource type (RFC 7643 §6): name, endpoint, core schema and extensions. A tenant's resource types may carry
/// extension schemas defined as data, so instances are built per tenant and never mutated.
/// </summary>
public sealed class ResourceTypeDefinition(string name, string endpoint, string description, SchemaDefinition schema, IReadOnlyList<SchemaExtension>? extensions = null)
{
    /// <summary>"User" or "Group" (or a tenant-defined type name).</summary>
    public string Name { get; } = DefinitionArguments.NotEmpty(name);

    /// <summary>Relative endpoint, e.g. "/Users".</summary>
    public string Endpoint { get; } = DefinitionArguments.NotEmpty(endpoint);
    public string Description { get; } = description;
    public SchemaDefinition Schema { get; } = DefinitionArguments.NotNull(schema);
    public IReadOnlyList<SchemaExtension> Extensions { get; } = extensions ?? [];

    /// <summary>The core schema followed by every extension schema.</summary>
    public IEnumerable<SchemaDefinition> AllSchemas
    {
        get
        {
            yield return Schema;
            foreach (var extension in Extensions)
            {
                yield return extension.Schema;
            }
        }
    }

    /// <summary>Finds a schema of this type (core or extension) by URN, case-insensitively.</summary>
    public SchemaDefinition? FindSchema(string urn)
    {
        // Indexed loops: called per attribute of every document rendered, validated or filtered, so no enumerator is allocated.
        if (string.Equals(Schema.Id, urn, StringComparison.OrdinalIgnoreCase))
        {
            return Schema;
        }

        for (var i = 0; i < Extensions.Count; i++)
        {
            if (string.Equals(Extensions[i].Schema.Id, urn, StringComparison.OrdinalIgnoreCase))
            {
                return Extensions[i].Schema;
            }
        }

        return null;
    }

    public override string ToString() => Name;
}
