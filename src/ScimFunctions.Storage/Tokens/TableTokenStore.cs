using Azure;

namespace ScimFunctions.Storage.Tokens;

/// <summary>
/// Token hashes on Azure Table Storage, for the local host and Azurite (Key Vault has no emulator): one row per
/// tenant in the <c>tokens</c> table (partition = tenant id, row key <c>tokens</c>), the set as JSON
/// (<see cref="TokenSetJson"/>) in the <c>Tokens</c> column. The table is created on first use.
/// A set's <see cref="TenantTokenSet.Version"/> is the row's ETag, and saves are the table's own conditional writes
/// (insert when there was no row, replace with <c>If-Match</c> otherwise), so a stale save fails atomically with
/// <see cref="TokenSetConflictException"/>.
/// </summary>
public sealed class TableTokenStore : ITokenStore
{
    public const string DefaultTableName = "tokens";
    private const string RowKey = "tokens";
    private const string TokensColumn = "Tokens";

    private readonly TableClient _table;
    private Task? _created;

    public TableTokenStore(TableClient table)
    {
        ArgumentNullException.ThrowIfNull(table);
        _table = table;
    }

    public static TableTokenStore Create(TableServiceClient service, string tableName = DefaultTableName)
    {
        ArgumentNullException.ThrowIfNull(service);
        return new TableTokenStore(service.GetTableClient(tableName));
    }

    public async Task<TenantTokenSet> GetAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken);
        var row = await _table.GetIfExistsAsync(tenant.Value, RowKey, [TokensColumn], cancellationToken);
        return row?.GetString(TokensColumn) is { } json
            ? TokenSetJson.Deserialize(json) with { Version = row.ETag.ToString() }
            : TenantTokenSet.Empty;
    }

    public async Task SaveAsync(TenantId tenant, TenantTokenSet tokens, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        await EnsureTableAsync(cancellationToken);
        var row = new TableEntity(tenant.Value, RowKey) { [TokensColumn] = TokenSetJson.Serialize(tokens) };
        try
        {
            if (tokens.Version is { } version)
            {
                await _table.UpdateEntityAsync(row, new ETag(version), TableUpdateMode.Replace, cancellationToken);
            }
            else
            {
                await _table.AddEntityAsync(row, cancellationToken);
            }
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412 or 404)
        {
            // 409: a row appeared since the read; 412: the row changed; 404: the row was deleted.
            throw new TokenSetConflictException(ex);
        }
    }

    public async Task DeleteAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken);
        await _table.DeleteEntityAsync(tenant.Value, RowKey, ETag.All, cancellationToken);
    }

    // Created once per process; a failed attempt (storage not up yet) is retried by the next call. A race only
    // repeats the idempotent create.
    private Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        var created = Volatile.Read(ref _created);
        if (created is null || created.IsFaulted || created.IsCanceled)
        {
            created = _table.CreateIfNotExistsAsync(CancellationToken.None);
            Volatile.Write(ref _created, created);
        }

        return created.WaitAsync(cancellationToken);
    }
}
