using System.Runtime.CompilerServices;
using Azure;

namespace ScimFunctions.Storage.Tables;

/// <summary>
/// One tenant incarnation's partition of a table: the only way the store reaches storage. The partition key comes
/// from the tenant's registry row (<see cref="KeyOf"/>), never from a caller's string. Every read names the partition
/// key and every OData filter is built with <see cref="TableClient.CreateQueryFilter(FormattableString)"/>, so no
/// value can change a query's meaning or leave the tenant's partition.
/// </summary>
internal sealed class TenantPartition
{
    /// <summary>The actions of one entity-group transaction (the service's limit).</summary>
    public const int MaxBatch = 100;

    /// <summary>The row key prefix of a location's fence row (<see cref="FenceRowKey"/>); sorts after every other kind of row.</summary>
    public const string FencePrefix = "~fence|";

    /// <summary>Separates the tenant id from its incarnation in a partition key; no tenant id contains it.</summary>
    public const char IncarnationSeparator = '~';

    /// <param name="table">The table the tenant's rows are in.</param>
    /// <param name="tenant">The tenant's registry row.</param>
    /// <param name="fenced">
    /// Whether every transaction carries the location fence (<see cref="TenantRecord.Epoch"/>): the store's writes do;
    /// the tenant move, deletion and checks, which work on a location as a whole, do not.
    /// </param>
    /// <param name="onFenced">Told when a transaction failed on the fence (this process's cached registry row is stale).</param>
    public TenantPartition(TableClient table, TenantRecord tenant, bool fenced = false, Action<TenantRecord>? onFenced = null)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        Table = table;
        Tenant = tenant.Id;
        PartitionKey = KeyOf(tenant.Id, tenant.Incarnation);
        if (fenced && tenant.Epoch is { } epoch)
        {
            _fence = new Op(new TableTransactionAction(TableTransactionActionType.UpdateMerge, FenceRow(PartitionKey, epoch), ETag.All), OpRole.Fence);
            _record = tenant;
            _onFenced = onFenced;
        }
    }

    private readonly Op? _fence;
    private readonly TenantRecord? _record;
    private readonly Action<TenantRecord>? _onFenced;

    /// <summary>
    /// The actions a caller may put in one transaction: <see cref="MaxBatch"/>, less one for the fence when the
    /// partition is fenced.
    /// </summary>
    public int Capacity => _fence is null ? MaxBatch : MaxBatch - 1;

    /// <summary>The fence row of one location epoch: a write transaction that names it fails (404) once it is deleted.</summary>
    public static string FenceRowKey(string epoch) => FencePrefix + epoch;

    /// <summary>The fence row of <paramref name="epoch"/> in partition <paramref name="partitionKey"/>.</summary>
    public static TableEntity FenceRow(string partitionKey, string epoch) => new(partitionKey, FenceRowKey(epoch)) { [Columns.Kind] = RowKinds.Fence };

    /// <summary>
    /// The partition of one incarnation of a tenant: <c>{tenant}~{incarnation}</c>, or the plain tenant id for a tenant
    /// created before incarnations existed (its rows stay where they are). A re-created tenant id gets a new
    /// incarnation, so nothing the old one wrote (even late, from a process that still had it cached) is in its partition.
    /// </summary>
    public static string KeyOf(TenantId tenant, string? incarnation) =>
        incarnation is null ? tenant.Value : string.Concat(tenant.Value, IncarnationSeparator.ToString(), incarnation);

    public TableClient Table { get; }

    public TenantId Tenant { get; }

    public string PartitionKey { get; }

    /// <summary>Row keys asked for by name in one query: Table Storage allows 15 discrete comparisons in a filter, one is the partition key.</summary>
    private const int KeysPerQuery = 14;

    public TableEntity NewEntity(string rowKey) => new(PartitionKey, rowKey);

    public Task<TableEntity?> GetAsync(string rowKey, CancellationToken cancellationToken) =>
        Table.GetIfExistsAsync(PartitionKey, rowKey, null, cancellationToken);

    /// <summary>Rows with <paramref name="fromInclusive"/> ≤ RowKey &lt; <paramref name="toExclusive"/> (optionally only one kind), page by page.</summary>
    public IAsyncEnumerable<Page<TableEntity>> QueryRangePages(string fromInclusive, string toExclusive, string? kind, int? pageSize, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        var filter = kind is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {PartitionKey} and RowKey ge {fromInclusive} and RowKey lt {toExclusive}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {PartitionKey} and RowKey ge {fromInclusive} and RowKey lt {toExclusive} and Kind eq {kind}");
        return Table.QueryAsync<TableEntity>(filter, pageSize, select, cancellationToken).AsPages(pageSizeHint: pageSize);
    }

    /// <summary>Like <see cref="QueryRangePages"/> but strictly after <paramref name="afterExclusive"/> (resume from a position).</summary>
    public IAsyncEnumerable<Page<TableEntity>> QueryAfterPages(string afterExclusive, string toExclusive, string? kind, int? pageSize, CancellationToken cancellationToken = default)
    {
        var filter = kind is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {PartitionKey} and RowKey gt {afterExclusive} and RowKey lt {toExclusive}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {PartitionKey} and RowKey gt {afterExclusive} and RowKey lt {toExclusive} and Kind eq {kind}");
        return Table.QueryAsync<TableEntity>(filter, pageSize, cancellationToken: cancellationToken).AsPages(pageSizeHint: pageSize);
    }

    /// <summary>
    /// One page of the rows after <paramref name="from"/> (inclusive or not) and before <paramref name="toExclusive"/>
    /// (optionally only one kind), at most <paramref name="pageSize"/> of them, resuming at <paramref name="continuationToken"/>
    /// (a previous page's) when given: a scan that sizes each request by what it still needs.
    /// </summary>
    public async Task<Page<TableEntity>> QueryPageAsync(string from, bool fromInclusive, string toExclusive, string? kind, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var filter = (fromInclusive, kind) switch
        {
            (true, null) => TableClient.CreateQueryFilter($"PartitionKey eq {PartitionKey} and RowKey ge {from} and RowKey lt {toExclusive}"),
            (true, _) => TableClient.CreateQueryFilter($"PartitionKey eq {PartitionKey} and RowKey ge {from} and RowKey lt {toExclusive} and Kind eq {kind}"),
            (false, null) => TableClient.CreateQueryFilter($"PartitionKey eq {PartitionKey} and RowKey gt {from} and RowKey lt {toExclusive}"),
            (false, _) => TableClient.CreateQueryFilter($"PartitionKey eq {PartitionKey} and RowKey gt {from} and RowKey lt {toExclusive} and Kind eq {kind}"),
        };
        await foreach (var page in Table.QueryAsync<TableEntity>(filter, pageSize, cancellationToken: cancellationToken).AsPages(continuationToken, pageSize))
        {
            return page;
        }

        return Page<TableEntity>.FromValues([], null, null!);
    }

    public async IAsyncEnumerable<TableEntity> QueryRange(string fromInclusive, string toExclusive, string? kind = null, IEnumerable<string>? select = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in QueryRangePages(fromInclusive, toExclusive, kind, null, select, cancellationToken))
        {
            foreach (var entity in page.Values)
            {
                yield return entity;
            }
        }
    }

    /// <summary>
    /// Which of the resource rows <paramref name="rowKeys"/> (<c>type|id</c>) exist, at the lower of two costs: the
    /// type's resource rows are read in key order (up to 1,000 row keys a request) while that is cheaper than asking for
    /// the keys still unresolved by name (15 a query, the most discrete comparisons a Table Storage filter may hold);
    /// the rest are asked for by name, 8 queries at once. Cost: about the cheaper of "one request per 1,000 resources of
    /// the type" and "one request per 15 keys", at most twice it.
    /// </summary>
    public async Task<HashSet<string>> ExistingResourceRowsAsync(IEnumerable<string> rowKeys, CancellationToken cancellationToken)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var byType in rowKeys.Distinct(StringComparer.Ordinal).GroupBy(key => key[..(key.IndexOf(RowKeys.Separator, StringComparison.Ordinal) + 1)], StringComparer.Ordinal))
        {
            var prefix = byType.Key;
            var unresolved = new SortedSet<string>(byType, StringComparer.Ordinal);
            var pages = 0;
            if (unresolved.Count > KeysPerQuery)
            {
                await foreach (var page in QueryRangePages(prefix, RowKeys.PrefixEnd(prefix), RowKinds.Resource, null, ["RowKey"], cancellationToken))
                {
                    pages++;
                    foreach (var entity in page.Values)
                    {
                        if (unresolved.Remove(entity.RowKey))
                        {
                            found.Add(entity.RowKey);
                        }
                    }

                    if (page.ContinuationToken is null)
                    {
                        unresolved.Clear();
                        break;
                    }

                    if (page.Values.Count > 0)
                    {
                        var scannedTo = page.Values[^1].RowKey;
                        unresolved.RemoveWhere(key => string.CompareOrdinal(key, scannedTo) <= 0);
                    }

                    if (unresolved.Count == 0 || pages >= (unresolved.Count + KeysPerQuery - 1) / KeysPerQuery)
                    {
                        break;
                    }
                }
            }

            var named = new System.Collections.Concurrent.ConcurrentBag<string>();
            await Parallel.ForEachAsync(unresolved.Chunk(KeysPerQuery), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (chunk, ct) =>
            {
                var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionKey}") + " and ("
                    + string.Join(" or ", chunk.Select(key => TableClient.CreateQueryFilter($"RowKey eq {key}"))) + ")";
                await foreach (var entity in Table.QueryAsync<TableEntity>(filter, chunk.Length, ["RowKey"], ct))
                {
                    named.Add(entity.RowKey);
                }
            });
            found.UnionWith(named);
        }

        return found;
    }

    /// <summary>Every row of the partition (consistency checks, tenant deletion).</summary>
    public IAsyncEnumerable<Page<TableEntity>> QueryAllPages(IEnumerable<string>? select, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionKey}");
        return Table.QueryAsync<TableEntity>(filter, 1000, select, cancellationToken).AsPages();
    }

    /// <summary>Submits one entity-group transaction; a failure names the action that failed.</summary>
    public async Task<IReadOnlyList<Response>> SubmitAsync(IReadOnlyList<Op> ops, CancellationToken cancellationToken)
    {
        if (ops.Count == 0 || ops.Count > Capacity)
        {
            throw new ArgumentOutOfRangeException(nameof(ops), ops.Count, $"A transaction holds 1 to {Capacity} actions.");
        }

        foreach (var op in ops)
        {
            EntitySize.Check(op.Action.Entity);
        }

        try
        {
            var actions = ops.Select(op => op.Action);
            var response = await Table.SubmitTransactionAsync(_fence is null ? actions : actions.Append(_fence.Action), cancellationToken);
            return _fence is null ? response.Value : [.. response.Value.Take(ops.Count)];
        }
        catch (TableTransactionFailedException ex) when (_fence is not null && ex.FailedTransactionActionIndex == ops.Count && ex.Status == 404 && !StorageErrors.IsTableMissing(ex))
        {
            // The location was fenced (the tenant is being moved, or has moved): nothing was written. This process's
            // registry row is stale; the caller is told to retry, by which time the row is read again.
            _onFenced?.Invoke(_record!);
            throw new ScimException(503, null, StorageErrors.TenantMovingDetail, ex);
        }
        catch (TableTransactionFailedException ex) when (ex.FailedTransactionActionIndex is { } index && index < ops.Count && ex.Status is 404 or 409 or 412 && !StorageErrors.IsTableMissing(ex))
        {
            throw new TransactionFailedException(ex.Status, ops[index], ex);
        }
        catch (RequestFailedException ex) when (ex.Status == 400 && ex.ErrorCode is "EntityTooLarge" or "PropertyValueTooLarge" or "RequestBodyTooLarge")
        {
            // A service stricter than the documented limits (the emulator measures an update by its JSON body): the
            // same 413; the transaction wrote nothing.
            throw new ScimException(413, null, EntitySize.TooLargeDetail, ex);
        }
    }

    /// <summary>
    /// Submits a transaction, leaving out actions (or their group) whose rows turned out to be missing where that is
    /// a benign race (e.g. a relation another request already removed). Returns the responses of what was submitted.
    /// </summary>
    public async Task<(IReadOnlyList<Op> Ops, IReadOnlyList<Response> Responses)> SubmitDroppingMissingAsync(IReadOnlyList<Op> ops, CancellationToken cancellationToken)
    {
        var remaining = ops.ToList();
        while (remaining.Count > 0)
        {
            try
            {
                return (remaining, await SubmitAsync(remaining, cancellationToken));
            }
            catch (TransactionFailedException failure) when (failure.Status == 404 && failure.Op.OnMissing != OnMissing.Fail)
            {
                if (failure.Op.OnMissing == OnMissing.DropGroup && failure.Op.Group >= 0)
                {
                    remaining.RemoveAll(op => op.Group == failure.Op.Group);
                }
                else
                {
                    remaining.Remove(failure.Op);
                }
            }
        }

        return (remaining, []);
    }
}
