using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Data.Tables;
using ScimFunctions.Core;
using ScimFunctions.Storage.Tables;

namespace ScimFunctions.Storage.Tenants;

/// <summary>
/// Registry rows: partition <c>tenant</c>, row key = tenant id; status, isolation and dates as columns, the policy,
/// compatibility switches and extension schemas as JSON columns (so new policy fields need no migration).
/// </summary>
internal static class TenantEntities
{
    public const string PartitionKey = "tenant";

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static TableEntity ToEntity(TenantRecord tenant)
    {
        var entity = new TableEntity(PartitionKey, tenant.Id.Value)
        {
            ["Status"] = tenant.Status.ToString(),
            ["Created"] = tenant.Created,
            ["DisplayName"] = tenant.DisplayName,
            ["Policy"] = JsonSerializer.Serialize(tenant.Policy, s_json),
            ["Compatibility"] = JsonSerializer.Serialize(tenant.Compatibility, s_json),
            ["Isolation"] = tenant.Isolation.ToString(),
            ["TableName"] = tenant.TableName,
            ["StorageEndpoint"] = tenant.StorageEndpoint?.AbsoluteUri,
            ["ExtensionSchemas"] = JsonSerializer.Serialize(tenant.ExtensionSchemasJson, s_json),
        };
        EntitySize.Check(entity);
        return entity;
    }

    public static TenantRecord FromEntity(TableEntity entity) => new()
    {
        Id = TenantId.Parse(entity.RowKey),
        Status = Enum.TryParse<TenantStatus>(entity.GetString("Status"), out var status) ? status : TenantStatus.Suspended,
        Created = entity.GetDateTimeOffset("Created") ?? DateTimeOffset.MinValue,
        DisplayName = entity.GetString("DisplayName"),
        Policy = Read<TenantPolicy>(entity, "Policy") ?? TenantPolicy.Default,
        Compatibility = Read<CompatibilityOptions>(entity, "Compatibility") ?? CompatibilityOptions.Default,
        Isolation = Enum.TryParse<TenantIsolation>(entity.GetString("Isolation"), out var isolation) ? isolation : TenantIsolation.Pool,
        TableName = entity.GetString("TableName"),
        StorageEndpoint = entity.GetString("StorageEndpoint") is { Length: > 0 } endpoint ? new Uri(endpoint) : null,
        ExtensionSchemasJson = Read<Dictionary<string, IReadOnlyList<string>>>(entity, "ExtensionSchemas") ?? [],
    };

    private static T? Read<T>(TableEntity entity, string column) =>
        entity.GetString(column) is { Length: > 0 } json ? JsonSerializer.Deserialize<T>(json, s_json) : default;
}
