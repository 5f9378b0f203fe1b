using Azure;
using Azure.Data.Tables;
using ScimFunctions.Core;
using ScimFunctions.Core.Errors;
using ScimFunctions.Storage.Tables;

namespace ScimFunctions.Storage.Tenants;

/// <summary>The tenant registry of a stamp, one row per tenant in the registry table.</summary>
internal sealed class TableTenantRegistry(TableStorage storage, TimeProvider time) : ITenantRegistry
{
    private TableClient Registry => storage.TenantTable;

    public Task<TenantRecord?> GetAsync(TenantId tenant, CancellationToken cancellationToken = default) =>
        StorageErrors.Guard(async () =>
        {
            var entity = await Registry.GetEntityIfExistsAsync<TableEntity>(TenantEntities.PartitionKey, tenant.Value, cancellationToken: cancellationToken);
            return entity.HasValue ? TenantEntities.FromEntity(entity.Value!) : null;
        }, cancellationToken);

    public Task<TenantRecord> CreateAsync(TenantRecord tenant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        Limits.Ceilings.Check(tenant.Policy);
        return StorageErrors.Guard(async () =>
        {
            if (tenant.Isolation != TenantIsolation.Pool && string.IsNullOrWhiteSpace(tenant.TableName))
            {
                throw ScimException.InvalidValue("A silo tenant needs a table name.");
            }

            if (tenant.Isolation == TenantIsolation.SiloAccount && tenant.StorageEndpoint is null)
            {
                throw ScimException.InvalidValue("A tenant in its own storage account needs the account's table endpoint.");
            }

            var created = tenant with { Status = tenant.Status == TenantStatus.Deleting ? TenantStatus.Active : tenant.Status, Created = tenant.Created == default ? time.GetUtcNow() : tenant.Created };
            if (created.Isolation != TenantIsolation.Pool)
            {
                await storage.TableFor(created).CreateIfNotExistsAsync(cancellationToken);
            }

            try
            {
                await Registry.AddEntityAsync(TenantEntities.ToEntity(created), cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                throw ScimException.Conflict($"A tenant with id '{tenant.Id}' already exists.");
            }

            return created;
        }, cancellationToken);
    }

    public Task<TenantRecord> UpdateAsync(TenantRecord tenant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        Limits.Ceilings.Check(tenant.Policy);
        return StorageErrors.Guard(async () =>
        {
            for (var attempt = 1; ; attempt++)
            {
                var current = await Registry.GetEntityIfExistsAsync<TableEntity>(TenantEntities.PartitionKey, tenant.Id.Value, cancellationToken: cancellationToken);
                if (!current.HasValue)
                {
                    throw ScimException.NotFound($"No tenant has id '{tenant.Id}'.");
                }

                var existing = TenantEntities.FromEntity(current.Value!);
                if (existing.Status == TenantStatus.Deleting)
                {
                    throw new ScimException(409, null, $"Tenant '{tenant.Id}' is being deleted.");
                }

                if (tenant.Status == TenantStatus.Deleting)
                {
                    throw ScimException.InvalidValue("Use the delete operation to delete a tenant.");
                }

                // Where a tenant's rows live cannot change by an update (that would be a migration).
                var updated = tenant with { Created = existing.Created, Isolation = existing.Isolation, TableName = existing.TableName, StorageEndpoint = existing.StorageEndpoint };
                try
                {
                    await Registry.UpdateEntityAsync(TenantEntities.ToEntity(updated), current.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                    storage.ForgetTenant(tenant.Id);
                    return updated;
                }
                catch (RequestFailedException ex) when (ex.Status is 404 or 412 && attempt < 10)
                {
                    // Changed meanwhile: read again.
                }
            }
        }, cancellationToken);
    }

    public Task<IReadOnlyList<TenantRecord>> ListAsync(CancellationToken cancellationToken = default) =>
        StorageErrors.Guard<IReadOnlyList<TenantRecord>>(async () =>
        {
            var tenants = new List<TenantRecord>();
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TenantEntities.PartitionKey}");
            await foreach (var entity in Registry.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                tenants.Add(TenantEntities.FromEntity(entity));
            }

            return tenants;
        }, cancellationToken);

    public Task DeleteAsync(TenantId tenant, CancellationToken cancellationToken = default) =>
        StorageErrors.Guard(() => new TenantDataDeleter(storage).DeleteAsync(tenant, cancellationToken), cancellationToken);
}
