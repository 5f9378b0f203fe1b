using Azure;
using Azure.Data.Tables;
using ScimFunctions.Core;

namespace ScimFunctions.Storage.Tokens;

/// <summary>
/// Token hashes on Azure Table Storage, for the local host and Azurite (Key Vault has no emulator): one row per
/// tenant in the <c>tokens</c> table (partition = tenant id, row key <c>tokens</c>), the set as JSON
/// (<see cref="TokenSetJson"/>) in the <c>Tokens</c> column. The table is created on first use.
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
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(tenant.Value, RowKey, [TokensColumn], cancellationToken);
        return row.HasValue && row.Value!.GetString(TokensColumn) is { } json
            ? TokenSetJson.Deserialize(json)
            : TenantTokenSet.Empty;
    }

    public async Task SaveAsync(TenantId tenant, TenantTokenSet tokens, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken);
        var row = new TableEntity(tenant.Value, RowKey) { [TokensColumn] = TokenSetJson.Serialize(tokens) };
        await _table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
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
