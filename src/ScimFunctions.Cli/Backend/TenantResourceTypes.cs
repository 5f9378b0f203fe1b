using System.Text.Json.Nodes;
using ScimFunctions.Core.Schemas;
using ScimFunctions.Storage.Tenants;

namespace ScimFunctions.Cli.Backend;

/// <summary>A tenant's User and Group resource types with its extension schemas, as the HTTP layer builds them.</summary>
internal static class TenantResourceTypes
{
    public static ResourceTypeDefinition User(TenantRecord tenant) => ScimSchemas.UserResourceType(Extensions(tenant, "User"));

    public static ResourceTypeDefinition Group(TenantRecord tenant) => ScimSchemas.GroupResourceType(Extensions(tenant, "Group"));

    private static List<SchemaExtension>? Extensions(TenantRecord tenant, string resourceType)
    {
        var schemas = tenant.ExtensionSchemasJson
            .Where(pair => string.Equals(pair.Key, resourceType, StringComparison.OrdinalIgnoreCase))
            .SelectMany(pair => pair.Value)
            .Select(json => new SchemaExtension(SchemaJson.FromJson(JsonNode.Parse(json)), Required: false))
            .ToList();
        return schemas.Count == 0 ? null : schemas;
    }
}
