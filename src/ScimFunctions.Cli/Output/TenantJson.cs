using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ScimFunctions.Storage.Tenants;

namespace ScimFunctions.Cli.Output;

/// <summary>A tenant as JSON, in the same shape as the operator API's (camelCase, enums as strings, nulls left out).</summary>
internal static class TenantJson
{
    private static readonly JsonSerializerOptions s_options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static JsonObject Write(TenantRecord tenant)
    {
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
        foreach (var key in document.Where(pair => pair.Value is null).Select(pair => pair.Key).ToList())
        {
            document.Remove(key);
        }

        return document;
    }
}
