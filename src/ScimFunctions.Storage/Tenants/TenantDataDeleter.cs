using Azure;

namespace ScimFunctions.Storage.Tenants;

/// <summary>
/// Deletes a tenant incarnation and all its data, resumably:
/// (1) in one registry transaction, the tenant row is marked Deleting (the tenant stops working and cannot be updated)
/// and a tombstone of the incarnation is written; (2) the incarnation's partition is emptied, 100 rows per transaction,
/// until a query finds nothing; (3) a silo table is dropped only when the registry's claim names this incarnation and
/// the table holds nothing else; (4) the tenant row and its claim are removed, in one transaction. A crash at any
/// point leaves the Deleting mark, and running the delete again continues from what is left. Nothing outside the
/// incarnation's own partition is ever deleted, so no other tenant and no stamp table can lose a row.
/// <para>
/// A process that still has the incarnation cached can write into its partition for at most its cache lifetime after
/// the delete. Those rows are invisible (a re-created tenant id has a new incarnation, hence another partition), and
/// <see cref="PurgeDeletedAsync"/> removes them: it empties every tombstone's partition again and forgets tombstones
/// older than <see cref="TableStoreOptions.DeletedTenantRetention"/>.
/// </para>
/// </summary>
internal sealed class TenantDataDeleter(TableStorage storage, TimeProvider time)
{
    private TableClient Registry => storage.TenantTable;

    public async Task DeleteAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        if (await storage.Moves.IsMovingAsync(tenant, cancellationToken))
        {
            throw new ScimException(409, null, $"Tenant '{tenant}' is being moved: finish the move (or roll it back) before deleting it.");
        }

        var record = await MarkDeletingAsync(tenant, cancellationToken);
        storage.ForgetTenant(record);
        var table = storage.TableFor(record);
        await EmptyPartitionAsync(new TenantPartition(table, record), null, cancellationToken);

        var claim = record.Isolation == TenantIsolation.Pool ? null : await OwnClaimAsync(record, cancellationToken);
        if (claim is not null && await HoldsNothingAsync(table, cancellationToken))
        {
            try
            {
                await table.DeleteAsync(cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // Dropped by an earlier attempt.
            }
        }

        storage.ForgetTenant(record);
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Delete, new TableEntity(TenantEntities.PartitionKey, tenant.Value), ETag.All) };
        if (claim is not null)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, claim, claim.ETag));
        }

        try
        {
            await Registry.SubmitTransactionAsync(actions, cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 404 or 412)
        {
            // A concurrent delete finished first (or removed the claim with its own final transaction).
        }
    }

    /// <summary>
    /// Removes a tenant's rows from one location it no longer uses (the source of a finished move, the target of a
    /// rolled-back one): the rows of its partition there, and the silo table with its claim when the claim proves the
    /// tenant owned it and the table holds nothing else. Resumable: a retry finishes what a crash left.
    /// </summary>
    public async Task RemoveLocationAsync(TenantRecord location, CancellationToken cancellationToken)
    {
        var table = storage.TableFor(location);
        await EmptyPartitionAsync(new TenantPartition(table, location), null, cancellationToken);
        if (location.Isolation == TenantIsolation.Pool || await OwnClaimAsync(location, cancellationToken) is not { } claim)
        {
            return;
        }

        if (await HoldsNothingAsync(table, cancellationToken))
        {
            try
            {
                await table.DeleteAsync(cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // Dropped by an earlier attempt.
            }
        }

        try
        {
            await Registry.DeleteEntityAsync(TenantEntities.PartitionKey, claim.RowKey, claim.ETag, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Released by an earlier attempt.
        }
    }

    /// <summary>
    /// Empties the partition of every deleted incarnation again (rows written late by processes that still had it
    /// cached) and forgets tombstones older than the retention. Resumable and idempotent: run it any time.
    /// </summary>
    public async Task<PurgeReport> PurgeDeletedAsync(IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TenantEntities.PartitionKey} and RowKey ge {TenantEntities.TombstonePrefix} and RowKey lt {TenantEntities.TombstoneEnd}");
        var tombstones = new List<TableEntity>();
        await foreach (var entity in Registry.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            tombstones.Add(entity);
        }

        long rows = 0;
        int forgotten = 0, unreachable = 0;
        foreach (var tombstone in tombstones)
        {
            var (dead, deleted) = TenantEntities.FromTombstone(tombstone);
            var partition = TenantPartition.KeyOf(dead.Id, dead.Incarnation);
            var live = await Registry.GetEntityIfExistsAsync<TableEntity>(TenantEntities.PartitionKey, dead.Id.Value, cancellationToken: cancellationToken);
            if (live.HasValue && TenantEntities.FromEntity(live.Value!) is { Status: not TenantStatus.Deleting } current && TenantPartition.KeyOf(current.Id, current.Incarnation) == partition)
            {
                continue; // never a live incarnation's partition
            }

            long removed;
            try
            {
                removed = await EmptyPartitionAsync(new TenantPartition(storage.TableFor(dead), dead), null, cancellationToken);
            }
            catch (Exception ex) when (ex is ScimException { Status: 503 } || StorageErrors.IsUnavailable(ex, cancellationToken) || ex is RequestFailedException { Status: 401 or 403 })
            {
                unreachable++;
                progress?.Report($"{partition}: its storage cannot be reached now; kept for a later run");
                continue;
            }

            rows += removed;
            var expired = time.GetUtcNow() - deleted >= storage.Options.DeletedTenantRetention;
            if (expired)
            {
                try
                {
                    await Registry.DeleteEntityAsync(TenantEntities.PartitionKey, tombstone.RowKey, tombstone.ETag, cancellationToken);
                    forgotten++;
                }
                catch (RequestFailedException ex) when (ex.Status is 404 or 412)
                {
                    // Another purge got there first.
                }
            }

            progress?.Report($"{partition}: {removed} late row(s) removed{(expired ? ", tombstone forgotten" : string.Empty)}");
        }

        return new PurgeReport(tombstones.Count, rows, forgotten, unreachable);
    }

    /// <summary>Marks the tenant row Deleting and writes the incarnation's tombstone, in one transaction; the record as it was.</summary>
    private async Task<TenantRecord> MarkDeletingAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await Registry.GetIfExistsAsync(TenantEntities.PartitionKey, tenant.Value, null, cancellationToken)
                ?? throw ScimException.NotFound($"No tenant has id '{tenant}'.");
            var record = TenantEntities.FromEntity(current);
            var tombstone = TenantEntities.Tombstone(record, time.GetUtcNow());
            if (record.Status == TenantStatus.Deleting)
            {
                try
                {
                    await Registry.AddEntityAsync(tombstone, cancellationToken); // a delete started before tombstones existed
                }
                catch (RequestFailedException ex) when (ex.Status == 409)
                {
                    // Written by the attempt that marked it.
                }

                return record;
            }

            var mark = new TableEntity(TenantEntities.PartitionKey, tenant.Value) { ["Status"] = nameof(TenantStatus.Deleting) };
            try
            {
                await Registry.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.UpdateMerge, mark, current.ETag),
                    new TableTransactionAction(TableTransactionActionType.UpsertReplace, tombstone),
                ], cancellationToken);
                return record;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 404 or 412 && attempt < 10)
            {
                // Changed meanwhile (a policy update, a concurrent delete): read again.
            }
        }
    }

    /// <summary>The registry's claim of the tenant's table when it names this incarnation; null when another tenant (or nobody) holds it.</summary>
    private async Task<TableEntity?> OwnClaimAsync(TenantRecord record, CancellationToken cancellationToken)
    {
        var key = SiloTables.ClaimRowKey(storage.AccountOf(record), record.TableName!);
        var claim = await Registry.GetEntityIfExistsAsync<TableEntity>(TenantEntities.PartitionKey, key, cancellationToken: cancellationToken);
        return claim.HasValue && TenantEntities.IsClaimOf(claim.Value!, record) ? claim.Value : null;
    }

    /// <summary>True when the table has no row at all (or is gone): dropping it loses nothing of anyone.</summary>
    private static async Task<bool> HoldsNothingAsync(TableClient table, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var page in table.QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken).AsPages(pageSizeHint: 1))
            {
                if (page.Values.Count > 0)
                {
                    return false;
                }

                if (page.ContinuationToken is null)
                {
                    break;
                }
            }

            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return true;
        }
    }

    /// <summary>
    /// Deletes every row of the partition (and nothing else), a page of keys at a time, as long as <paramref name="proceed"/>
    /// (asked before each page) allows; the number of rows deleted. A table that is gone holds nothing.
    /// </summary>
    internal static async Task<long> EmptyPartitionAsync(TenantPartition partition, Func<CancellationToken, Task<bool>>? proceed, CancellationToken cancellationToken)
    {
        long removed = 0;
        while (proceed is null || await proceed(cancellationToken))
        {
            var rowKeys = new List<string>();
            try
            {
                await foreach (var page in partition.QueryAllPages(["RowKey"], cancellationToken))
                {
                    rowKeys.AddRange(page.Values.Select(e => e.RowKey));
                    break;
                }
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                return removed; // a silo table that no longer exists
            }

            if (rowKeys.Count == 0)
            {
                return removed;
            }

            foreach (var chunk in rowKeys.Chunk(TenantPartition.MaxBatch))
            {
                var ops = chunk.Select(rowKey => new Op(new TableTransactionAction(TableTransactionActionType.Delete, partition.NewEntity(rowKey), ETag.All), OpRole.Resource, OnMissing: OnMissing.DropAction)).ToList();
                try
                {
                    var (submitted, _) = await partition.SubmitDroppingMissingAsync(ops, cancellationToken);
                    removed += submitted.Count;
                }
                catch (RequestFailedException ex) when (StorageErrors.IsTableMissing(ex))
                {
                    return removed; // the table was dropped meanwhile
                }
            }
        }

        return removed;
    }
}
