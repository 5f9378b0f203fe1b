using Azure;
using Azure.Data.Tables;
using ScimFunctions.Core;
using ScimFunctions.Core.Errors;
using ScimFunctions.Storage.Tables;

namespace ScimFunctions.Storage.Tenants;

/// <summary>
/// Deletes a tenant and all its data, resumably: (1) the registry row is marked Deleting (the tenant stops working and
/// cannot be updated); (2) the tenant's partition is emptied, 100 rows per transaction, until a query finds nothing;
/// (3) a silo table is dropped; (4) the registry row is removed. A crash at any point leaves the Deleting mark, and
/// running the delete again continues from what is left.
/// </summary>
internal sealed class TenantDataDeleter(TableStorage storage)
{
    public async Task DeleteAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var registry = storage.TenantTable;
        var current = await registry.GetEntityIfExistsAsync<TableEntity>(TenantEntities.PartitionKey, tenant.Value, cancellationToken: cancellationToken);
        if (!current.HasValue)
        {
            throw ScimException.NotFound($"No tenant has id '{tenant}'.");
        }

        var record = TenantEntities.FromEntity(current.Value!);
        if (record.Status != TenantStatus.Deleting)
        {
            var mark = new TableEntity(TenantEntities.PartitionKey, tenant.Value) { ["Status"] = nameof(TenantStatus.Deleting) };
            await registry.UpdateEntityAsync(mark, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }

        storage.ForgetTenant(tenant);
        var table = storage.TableFor(record);
        var partition = new TenantPartition(table, tenant);
        await EmptyPartitionAsync(partition, cancellationToken);
        if (record.Isolation != TenantIsolation.Pool && !string.Equals(table.Name, storage.ResourceTable.Name, StringComparison.Ordinal))
        {
            await table.DeleteAsync(cancellationToken);
        }

        storage.ForgetTenant(tenant);
        try
        {
            await registry.DeleteEntityAsync(TenantEntities.PartitionKey, tenant.Value, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // A concurrent delete finished first.
        }
    }

    private static async Task EmptyPartitionAsync(TenantPartition partition, CancellationToken cancellationToken)
    {
        while (true)
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
                return; // a silo table that no longer exists
            }

            if (rowKeys.Count == 0)
            {
                return;
            }

            foreach (var chunk in rowKeys.Chunk(TenantPartition.MaxBatch))
            {
                var ops = chunk.Select(rowKey => new Op(new TableTransactionAction(TableTransactionActionType.Delete, partition.NewEntity(rowKey), ETag.All), OpRole.Resource, OnMissing: OnMissing.DropAction)).ToList();
                await partition.SubmitDroppingMissingAsync(ops, cancellationToken);
            }
        }
    }
}
