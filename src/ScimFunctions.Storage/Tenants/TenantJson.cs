using System.Text.Json;
using System.Text.Json.Serialization;

namespace ScimFunctions.Storage.Tenants;

/// <summary>
/// A tenant as operators see it, the same from the operator API and from scimctl: camelCase, enums as strings,
/// nulls left out, extension schemas as JSON objects.
/// </summary>
public static class TenantJson
{
    private static readonly JsonSerializerOptions s_options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static JsonObject Write(TenantRecord tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var document = new JsonObject
        {
            ["id"] = tenant.Id.Value,
            ["status"] = tenant.Status.ToString(),
            ["created"] = tenant.Created,
            ["displayName"] = tenant.DisplayName,
            ["isolation"] = tenant.Isolation.ToString(),
            ["tableName"] = tenant.TableName,
            ["storageEndpoint"] = tenant.StorageEndpoint?.AbsoluteUri,
            ["policy"] = JsonSerializer.SerializeToNode(tenant.Policy, s_options),
            ["compatibility"] = JsonSerializer.SerializeToNode(tenant.Compatibility, s_options),
        };
        if (tenant.ExtensionSchemasJson.Count > 0)
        {
            document["extensionSchemas"] = TenantSchemas.WriteExtensions(tenant);
        }

        foreach (var key in document.Where(pair => pair.Value is null).Select(pair => pair.Key).ToList())
        {
            document.Remove(key);
        }

        return document;
    }
}
