using System.Text.Json.Nodes;
using ScimFunctions.Core.Schemas;

namespace ScimFunctions.Storage.Tenants;

/// <summary>A tenant's resource types: the built-in User and Group plus the tenant's extension schemas.</summary>
public sealed class TenantSchemas
{
    private TenantSchemas(ResourceTypeDefinition user, ResourceTypeDefinition group)
    {
        User = user;
        Group = group;
    }

    public ResourceTypeDefinition User { get; }
    public ResourceTypeDefinition Group { get; }
    public IReadOnlyList<ResourceTypeDefinition> All => [User, Group];

    /// <summary>Every distinct schema of the tenant (core schemas first), as /Schemas lists them.</summary>
    public IReadOnlyList<SchemaDefinition> AllSchemas =>
        All.SelectMany(t => t.AllSchemas).DistinctBy(s => s.Id, StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>Builds the tenant's resource types; a malformed stored extension schema is a 400 invalidValue from <see cref="SchemaJson"/>.</summary>
    public static TenantSchemas For(TenantRecord tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return new TenantSchemas(
            ScimSchemas.UserResourceType(Extensions(tenant, "User")),
            ScimSchemas.GroupResourceType(Extensions(tenant, "Group")));
    }

    private static List<SchemaExtension>? Extensions(TenantRecord tenant, string resourceType)
    {
        var json = tenant.ExtensionSchemasJson
            .Where(pair => string.Equals(pair.Key, resourceType, StringComparison.OrdinalIgnoreCase))
            .SelectMany(pair => pair.Value)
            .ToList();
        return json.Count == 0 ? null : json.Select(text => new SchemaExtension(SchemaJson.FromJson(JsonNode.Parse(text)), Required: false)).ToList();
    }
}
