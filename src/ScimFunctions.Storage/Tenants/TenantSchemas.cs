
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

    /// <summary>
    /// Reads a tenant's extension schemas, <c>{"User": [schema, …], "Group": […]}</c> (the operator API's body and
    /// scimctl's file alike): each schema must be a valid RFC 7643 §7 definition with a URN id; the 400 invalidValue
    /// names the offending schema or attribute.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ParseExtensions(JsonNode? node)
    {
        if (node is null)
        {
            return new Dictionary<string, IReadOnlyList<string>>();
        }

        if (node is not JsonObject byType)
        {
            throw ScimException.InvalidValue("'extensionSchemas' maps a resource type (User, Group) to a list of schema definitions.");
        }

        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (typeName, schemas) in byType)
        {
            var canonical = typeName.Equals("User", StringComparison.OrdinalIgnoreCase) ? "User"
                : typeName.Equals("Group", StringComparison.OrdinalIgnoreCase) ? "Group"
                : throw ScimException.InvalidValue($"'{typeName}' is not a resource type; use User or Group.");
            if (schemas is not JsonArray list)
            {
                throw ScimException.InvalidValue($"'extensionSchemas.{typeName}' must be an array of schema definitions.");
            }

            result[canonical] = list.Select(schema =>
            {
                var definition = SchemaJson.FromJson(schema);
                if (!definition.Id.StartsWith("urn:", StringComparison.OrdinalIgnoreCase))
                {
                    throw ScimException.InvalidValue("An extension schema id must be a URN.");
                }

                return schema!.ToJsonString();
            }).ToList();
        }

        return result;
    }

    /// <summary>The tenant's extension schemas as <see cref="ParseExtensions"/> reads them (an empty object when none).</summary>
    public static JsonObject WriteExtensions(TenantRecord tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return new JsonObject(tenant.ExtensionSchemasJson.Select(pair =>
            KeyValuePair.Create(pair.Key, (JsonNode?)new JsonArray(pair.Value.Select(json => JsonNode.Parse(json)).ToArray()))));
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
