using Azure;

namespace ScimFunctions.Storage.Events;

/// <summary>A webhook endpoint an operator registered: stamp-wide (<see cref="Tenant"/> null) or for one tenant.</summary>
public sealed record WebhookEndpoint(
    string Id,
    Uri Url,
    TenantId? Tenant,
    IReadOnlyList<string> Events,
    DateTimeOffset Created,
    DateTimeOffset? FailingSince = null,
    string? LastError = null)
{
    /// <summary>Whether <paramref name="eventType"/> (e.g. <c>group.members.added</c>) passes the filter (<c>*</c>, <c>user.*</c>, exact names).</summary>
    public bool Wants(string eventType) => Events.Count == 0 || Events.Any(pattern =>
        pattern == "*"
        || string.Equals(pattern, eventType, StringComparison.Ordinal)
        || (pattern.EndsWith(".*", StringComparison.Ordinal) && eventType.StartsWith(pattern[..^1], StringComparison.Ordinal)));

    public bool Covers(TenantId tenant) => Tenant is null || Tenant == tenant;
}

/// <summary>
/// Where one endpoint is in one tenant's change feed: the <see cref="ChangeRecordPosition"/> of the last change it
/// acknowledged, its retry state and the lease of the dispatcher delivering it. Written only with the row's ETag.
/// <see cref="LateSent"/> holds the positions of late-committed changes (<see cref="Abstractions.ChangeRecord.CommittedLate"/>)
/// already delivered within the trailing window behind the position, and <see cref="LookedBackAt"/> when that window
/// was last re-read, so a late commit is delivered once, late, instead of never.
/// </summary>
public sealed record WebhookPosition(
    string EndpointId,
    TenantId Tenant,
    string ChangeRecordPosition,
    int Attempts,
    DateTimeOffset? FirstFailure,
    DateTimeOffset? NextAttempt,
    DateTimeOffset? LeaseUntil,
    string? LeaseOwner,
    ETag ETag)
{
    public IReadOnlyList<string> LateSent { get; init; } = [];

    public DateTimeOffset? LookedBackAt { get; init; }
}

/// <summary>
/// Webhook endpoints (partition <c>webhook</c>) and delivery positions (partition <c>webhook-position|{endpoint}</c>,
/// row key = tenant) in the stamp's registry table. Signing secrets are not here: <see cref="IWebhookSecretStore"/>.
/// </summary>
public sealed class WebhookStore(TableClient table)
{
    private const string EndpointPartition = "webhook";
    private const string PositionPartitionPrefix = "webhook-position|";
    private static readonly System.Buffers.SearchValues<char> s_hex = System.Buffers.SearchValues.Create("0123456789abcdef");

    public async Task AddAsync(WebhookEndpoint endpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var entity = new TableEntity(EndpointPartition, endpoint.Id)
        {
            ["Url"] = endpoint.Url.AbsoluteUri,
            ["Tenant"] = endpoint.Tenant?.Value,
            ["Events"] = string.Join(',', endpoint.Events),
            ["Created"] = endpoint.Created,
        };
        await table.AddEntityAsync(entity, cancellationToken);
    }

    public async Task<IReadOnlyList<WebhookEndpoint>> ListAsync(CancellationToken cancellationToken = default)
    {
        var endpoints = new List<WebhookEndpoint>();
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == EndpointPartition, cancellationToken: cancellationToken))
        {
            endpoints.Add(ReadEndpoint(entity));
        }

        return endpoints;
    }

    public async Task<WebhookEndpoint?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!IsEndpointId(id))
        {
            return null;
        }

        var row = await table.GetEntityIfExistsAsync<TableEntity>(EndpointPartition, id, cancellationToken: cancellationToken);
        return row.HasValue ? ReadEndpoint(row.Value!) : null;
    }

    /// <summary>Removes the endpoint and its positions; false when there was no such endpoint.</summary>
    public async Task<bool> RemoveAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!IsEndpointId(id))
        {
            return false;
        }

        var partition = PositionPartitionPrefix + id;
        var keys = new List<string>();
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            keys.Add(entity.RowKey);
        }

        foreach (var chunk in keys.Chunk(100))
        {
            await table.SubmitTransactionAsync(chunk.Select(key => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, key), ETag.All)), cancellationToken);
        }

        var deleted = await table.DeleteEntityAsync(EndpointPartition, id, ETag.All, cancellationToken);
        return deleted.Status != 404;
    }

    /// <summary>Marks the endpoint failing (<paramref name="since"/> set) or healthy again (null).</summary>
    public async Task SetFailingAsync(string id, DateTimeOffset? since, string? error, CancellationToken cancellationToken = default)
    {
        // Read and replace: a merge cannot remove a property (null values are left out of the request).
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(EndpointPartition, id, cancellationToken: cancellationToken);
            if (!row.HasValue)
            {
                return; // removed meanwhile
            }

            var entity = row.Value!;
            entity.Remove("FailingSince");
            entity.Remove("LastError");
            if (since is not null)
            {
                entity["FailingSince"] = since;
                entity["LastError"] = error;
            }

            try
            {
                await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
                return;
            }
            catch (RequestFailedException failure) when (failure.Status is 404 or 412)
            {
                // Changed or removed meanwhile: read again.
            }
        }
    }

    /// <summary>The endpoint's position in the tenant's feed; a new one starts at the endpoint's creation time.</summary>
    public async Task<WebhookPosition> GetPositionAsync(WebhookEndpoint endpoint, TenantId tenant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(PositionPartitionPrefix + endpoint.Id, tenant.Value, cancellationToken: cancellationToken);
        return row.HasValue
            ? ReadPosition(row.Value!)
            : new WebhookPosition(endpoint.Id, tenant, RowKeys.Change(endpoint.Created.UtcTicks, string.Empty), 0, null, null, null, null, default);
    }

    /// <summary>
    /// Writes <paramref name="position"/> if the stored row is still the version it was read as (an absent row: only if
    /// still absent). Returns the written position with its new ETag, or null when another writer came first.
    /// </summary>
    public async Task<WebhookPosition?> TrySaveAsync(WebhookPosition position, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(position);
        var entity = new TableEntity(PositionPartitionPrefix + position.EndpointId, position.Tenant.Value)
        {
            ["Position"] = position.ChangeRecordPosition,
            ["Attempts"] = position.Attempts,
            ["FirstFailure"] = position.FirstFailure,
            ["NextAttempt"] = position.NextAttempt,
            ["LeaseUntil"] = position.LeaseUntil,
            ["LeaseOwner"] = position.LeaseOwner,
            ["LateSent"] = position.LateSent.Count == 0 ? null : string.Join(',', position.LateSent),
            ["LookedBackAt"] = position.LookedBackAt,
        };
        try
        {
            var response = position.ETag == default
                ? await table.AddEntityAsync(entity, cancellationToken)
                : await table.UpdateEntityAsync(entity, position.ETag, TableUpdateMode.Replace, cancellationToken);
            return position with { ETag = response.Headers.ETag ?? default };
        }
        catch (RequestFailedException failure) when (failure.Status is 409 or 412)
        {
            return null;
        }
    }

    /// <summary>Every tenant position row of the endpoint (the operator's view of its progress and retries).</summary>
    public async Task<IReadOnlyList<WebhookPosition>> ListPositionsAsync(string endpointId, CancellationToken cancellationToken = default)
    {
        var partition = PositionPartitionPrefix + endpointId;
        var positions = new List<WebhookPosition>();
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            positions.Add(ReadPosition(entity));
        }

        return positions;
    }

    /// <summary>A new endpoint id: <c>wh_</c> and 24 hex digits.</summary>
    public static string NewEndpointId() => "wh_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));

    public static bool IsEndpointId(string? id) =>
        id is { Length: 27 } && id.StartsWith("wh_", StringComparison.Ordinal) && !id.AsSpan(3).ContainsAnyExcept(s_hex);

    private static WebhookEndpoint ReadEndpoint(TableEntity entity) => new(
        entity.RowKey,
        new Uri(entity.GetString("Url") ?? "https://invalid.invalid/"),
        TenantId.TryParse(entity.GetString("Tenant"), out var tenant) ? tenant : (TenantId?)null,
        entity.GetString("Events") is { Length: > 0 } events ? events.Split(',') : [],
        entity.GetDateTimeOffset("Created") ?? DateTimeOffset.MinValue,
        entity.GetDateTimeOffset("FailingSince"),
        entity.GetString("LastError"));

    private static WebhookPosition ReadPosition(TableEntity entity) => new(
        entity.PartitionKey[PositionPartitionPrefix.Length..],
        TenantId.Parse(entity.RowKey),
        entity.GetString("Position") ?? RowKeys.ChangePrefix,
        entity.GetInt32("Attempts") ?? 0,
        entity.GetDateTimeOffset("FirstFailure"),
        entity.GetDateTimeOffset("NextAttempt"),
        entity.GetDateTimeOffset("LeaseUntil"),
        entity.GetString("LeaseOwner"),
        entity.ETag)
    {
        LateSent = entity.GetString("LateSent") is { Length: > 0 } sent ? sent.Split(',') : [],
        LookedBackAt = entity.GetDateTimeOffset("LookedBackAt"),
    };
}
