using System.Text.Json;
using System.Text.Json.Serialization;

namespace ScimFunctions.Storage.Tenants;

/// <summary>
/// Registry rows, all in partition <c>tenant</c> so that one entity-group transaction can change several of them:
/// <list type="bullet">
/// <item>a tenant: row key = tenant id; status, isolation, incarnation and dates as columns, the policy,
/// compatibility switches and extension schemas as JSON columns (so new policy fields need no migration);</item>
/// <item>a table claim: <c>~table~{account}~{table}</c>, naming the tenant incarnation that owns a silo table;</item>
/// <item>a tombstone: <c>~deleted~{partition}</c>, a deleted incarnation whose partition the purge empties.</item>
/// </list>
/// Tenant ids use <c>a-z 0-9 -</c> only, so every tenant row sorts before <see cref="TenantRowsEnd"/> and the others after.
/// </summary>
internal static class TenantEntities
{
    public const string PartitionKey = "tenant";
    public const string TenantRowsEnd = "~";

    // The other rows' keys start with TenantRowsEnd, so they sort after every tenant row.
    public const string ClaimPrefix = TenantRowsEnd + "table~";
    public const string TombstonePrefix = TenantRowsEnd + "deleted~";
    public const string TombstoneEnd = TombstonePrefix + "~~";

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
            ["Incarnation"] = tenant.Incarnation,
            ["Epoch"] = tenant.Epoch,
            ["ExtensionSchemas"] = JsonSerializer.Serialize(tenant.ExtensionSchemasJson, s_json),
        };
        EntitySize.Check(entity);
        return entity;
    }

    /// <summary>Reads a registry row; a malformed one is a <see cref="FormatException"/> naming the row (never a half-read record).</summary>
    public static TenantRecord FromEntity(TableEntity entity)
    {
        try
        {
            return Parse(entity);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new FormatException($"The registry row '{entity.RowKey}' is malformed ({ex.GetType().Name}): {ex.Message}", ex);
        }
    }

    private static TenantRecord Parse(TableEntity entity) => new()
    {
        Id = TenantId.Parse(entity.RowKey),
        Status = Enum.TryParse<TenantStatus>(entity.GetString("Status"), out var status) ? status : TenantStatus.Suspended,
        Created = entity.GetDateTimeOffset("Created") ?? DateTimeOffset.MinValue,
        DisplayName = entity.GetString("DisplayName"),
        Policy = Limits.Ceilings.Clamp(Read<TenantPolicy>(entity, "Policy") ?? TenantPolicy.Default),
        Compatibility = Read<CompatibilityOptions>(entity, "Compatibility") ?? CompatibilityOptions.Default,
        Isolation = Enum.TryParse<TenantIsolation>(entity.GetString("Isolation"), out var isolation) ? isolation : TenantIsolation.Pool,
        TableName = entity.GetString("TableName"),
        StorageEndpoint = entity.GetString("StorageEndpoint") is { Length: > 0 } endpoint ? new Uri(endpoint) : null,
        Incarnation = entity.GetString("Incarnation") is { Length: > 0 } incarnation ? incarnation : null,
        Epoch = entity.GetString("Epoch") is { Length: > 0 } epoch ? epoch : null,
        ExtensionSchemasJson = Read<Dictionary<string, IReadOnlyList<string>>>(entity, "ExtensionSchemas") ?? [],
    };

    /// <summary>The claim of a silo table by one tenant incarnation.</summary>
    public static TableEntity Claim(string rowKey, TenantRecord owner) => new(PartitionKey, rowKey)
    {
        ["Tenant"] = owner.Id.Value,
        ["Incarnation"] = owner.Incarnation,
        ["TableName"] = owner.TableName,
    };

    /// <summary>True when the claim row names exactly this incarnation.</summary>
    public static bool IsClaimOf(TableEntity claim, TenantRecord tenant) =>
        string.Equals(claim.GetString("Tenant"), tenant.Id.Value, StringComparison.Ordinal) &&
        string.Equals(claim.GetString("Incarnation") ?? string.Empty, tenant.Incarnation ?? string.Empty, StringComparison.Ordinal);

    /// <summary>A deleted incarnation: where its rows are, so the purge can find late writes after the tenant row is gone.</summary>
    public static TableEntity Tombstone(TenantRecord tenant, DateTimeOffset deleted) => new(PartitionKey, TombstonePrefix + Tables.TenantPartition.KeyOf(tenant.Id, tenant.Incarnation))
    {
        ["Tenant"] = tenant.Id.Value,
        ["Incarnation"] = tenant.Incarnation,
        ["Isolation"] = tenant.Isolation.ToString(),
        ["TableName"] = tenant.TableName,
        ["StorageEndpoint"] = tenant.StorageEndpoint?.AbsoluteUri,
        ["Deleted"] = deleted,
    };

    /// <summary>The dead incarnation a tombstone describes, as a record the store's partition can be built from.</summary>
    public static (TenantRecord Tenant, DateTimeOffset Deleted) FromTombstone(TableEntity entity) => (new TenantRecord
    {
        Id = TenantId.Parse(entity.GetString("Tenant") ?? string.Empty),
        Status = TenantStatus.Deleting,
        Incarnation = entity.GetString("Incarnation") is { Length: > 0 } incarnation ? incarnation : null,
        Isolation = Enum.TryParse<TenantIsolation>(entity.GetString("Isolation"), out var isolation) ? isolation : TenantIsolation.Pool,
        TableName = entity.GetString("TableName"),
        StorageEndpoint = entity.GetString("StorageEndpoint") is { Length: > 0 } endpoint ? new Uri(endpoint) : null,
    }, entity.GetDateTimeOffset("Deleted") ?? DateTimeOffset.MinValue);

    private static T? Read<T>(TableEntity entity, string column) =>
        entity.GetString(column) is { Length: > 0 } json ? JsonSerializer.Deserialize<T>(json, s_json) : default;
}
