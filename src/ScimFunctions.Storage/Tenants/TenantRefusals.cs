using System.Globalization;
using Azure;

namespace ScimFunctions.Storage.Tenants;

/// <summary>Why a tenant's requests were refused with 401: counts per reason and the last refusal, for the operator.</summary>
public sealed record TenantRefusalSummary(IReadOnlyDictionary<string, long> Counts, DateTimeOffset? LastRefused, string? LastReason)
{
    public static TenantRefusalSummary Empty { get; } = new(new Dictionary<string, long>(), null, null);

    public JsonObject ToJson() => new()
    {
        ["counts"] = new JsonObject(Counts.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)pair.Value))),
        ["lastRefused"] = LastRefused,
        ["lastReason"] = LastReason,
    };
}

/// <summary>
/// The durable refusal summary of each tenant: one row per tenant in the registry table's <c>refusals</c> partition
/// (row key the tenant id), holding a count column per reason. Hosts add their in-memory counts to it in batches
/// (<see cref="AddAsync"/>, merge under the row's ETag), so the cost is one read and one write per tenant per flush,
/// however many requests were refused. A row of an earlier incarnation of the tenant id is started afresh.
/// </summary>
public sealed class TenantRefusals(TableClient registry)
{
    public const string PartitionKey = "refusals";
    private const string CountPrefix = "n_";
    private const string IncarnationColumn = "Incarnation";
    private const string LastRefusedColumn = "LastRefused";
    private const string LastReasonColumn = "LastReason";

    /// <summary>Adds <paramref name="counts"/> to the tenant's row (created when missing); retried on a concurrent change.</summary>
    public Task AddAsync(TenantId tenant, string? incarnation, IReadOnlyDictionary<string, long> counts, DateTimeOffset lastRefused, string lastReason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return StorageErrors.Guard(async () =>
        {
            for (var attempt = 1; ; attempt++)
            {
                var current = await registry.GetEntityIfExistsAsync<TableEntity>(PartitionKey, tenant.Value, cancellationToken: cancellationToken);
                var fresh = !current.HasValue || !string.Equals(current.Value!.GetString(IncarnationColumn), incarnation, StringComparison.Ordinal);
                var entity = new TableEntity(PartitionKey, tenant.Value) { [IncarnationColumn] = incarnation };
                if (!fresh)
                {
                    foreach (var (key, value) in current.Value!)
                    {
                        if (key.StartsWith(CountPrefix, StringComparison.Ordinal) && value is long or int)
                        {
                            entity[key] = Convert.ToInt64(value, CultureInfo.InvariantCulture);
                        }
                    }
                }

                foreach (var (reason, count) in counts)
                {
                    entity[CountPrefix + reason] = (entity.TryGetValue(CountPrefix + reason, out var existing) ? (long)existing! : 0L) + count;
                }

                var previousLast = fresh ? null : current.Value!.GetDateTimeOffset(LastRefusedColumn);
                entity[LastRefusedColumn] = previousLast is { } previous && previous > lastRefused ? previous : lastRefused;
                entity[LastReasonColumn] = previousLast is { } p && p > lastRefused ? current.Value!.GetString(LastReasonColumn) : lastReason;
                try
                {
                    if (current.HasValue)
                    {
                        await registry.UpdateEntityAsync(entity, current.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                    }
                    else
                    {
                        await registry.AddEntityAsync(entity, cancellationToken);
                    }

                    return true;
                }
                catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < 5)
                {
                }
            }
        }, cancellationToken);
    }

    /// <summary>The tenant's summary for its current incarnation (empty when nothing was refused).</summary>
    public Task<TenantRefusalSummary> GetAsync(TenantRecord tenant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return StorageErrors.Guard(async () =>
        {
            var row = await registry.GetIfExistsAsync(PartitionKey, tenant.Id.Value, null, cancellationToken);
            if (row is null || !string.Equals(row.GetString(IncarnationColumn), tenant.Incarnation, StringComparison.Ordinal))
            {
                return TenantRefusalSummary.Empty;
            }

            var counts = row
                .Where(pair => pair.Key.StartsWith(CountPrefix, StringComparison.Ordinal) && pair.Value is long or int)
                .ToDictionary(pair => pair.Key[CountPrefix.Length..], pair => Convert.ToInt64(pair.Value, CultureInfo.InvariantCulture), StringComparer.Ordinal);
            return new TenantRefusalSummary(counts, row.GetDateTimeOffset(LastRefusedColumn), row.GetString(LastReasonColumn));
        }, cancellationToken);
    }

    /// <summary>
    /// What an operator sees of a tenant: its registry row, <c>state</c> (<c>active</c>, <c>suspended</c>,
    /// <c>expired</c> from the policy's <c>expiresAt</c>, <c>deleting</c>) and its <c>refusals</c>.
    /// </summary>
    public async Task<JsonObject> DescribeAsync(TenantRecord tenant, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var json = TenantJson.Write(tenant);
        json["state"] = tenant.StateAt(now);
        json["refusals"] = (await GetAsync(tenant, cancellationToken)).ToJson();
        return json;
    }
}
