using System.Security.Cryptography;
using Azure;

namespace ScimFunctions.Storage.Tenants;

/// <summary>The tenant registry of a stamp, one row per tenant in the registry table (see <see cref="TenantEntities"/>).</summary>
internal sealed class TableTenantRegistry(TableStorage storage, TimeProvider time) : ITenantRegistry
{
    private TableClient Registry => storage.TenantTable;

    public Task<TenantRecord?> GetAsync(TenantId tenant, CancellationToken cancellationToken = default) =>
        StorageErrors.Guard(async () =>
        {
            var entity = await Registry.GetIfExistsAsync(TenantEntities.PartitionKey, tenant.Value, null, cancellationToken);
            return entity is null ? null : TenantEntities.FromEntity(entity);
        }, cancellationToken);

    /// <summary>
    /// Creates a tenant with a new incarnation. A silo tenant's table is checked (<see cref="SiloTables"/>), reached
    /// (created when missing, so an unreachable account is refused now and not on the first request) and claimed: the
    /// claim row and the tenant row are inserted in one transaction, so a table taken meanwhile is a 409 with nothing
    /// written. A silo table this create made and then could not claim is left empty (it may be the winner's).
    /// </summary>
    public Task<TenantRecord> CreateAsync(TenantRecord tenant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        if (tenant.Id.IsReserved)
        {
            throw ScimException.InvalidValue($"'{tenant.Id.Value}' names a SCIM endpoint under /scim/v2 and cannot be a tenant id; reserved: {string.Join(", ", TenantId.Reserved.Order(StringComparer.Ordinal))}.");
        }

        TenantPolicyRules.Validate(tenant.Policy);
        SiloTables.Validate(tenant, storage.Options);
        return StorageErrors.Guard(async () =>
        {
            var created = tenant with
            {
                Status = tenant.Status == TenantStatus.Deleting ? TenantStatus.Active : tenant.Status,
                Created = tenant.Created == default ? time.GetUtcNow() : tenant.Created,
                Incarnation = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
            };
            var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, TenantEntities.ToEntity(created)) };
            string? claim = null;
            if (created.Isolation != TenantIsolation.Pool)
            {
                claim = SiloTables.ClaimRowKey(storage.AccountOf(created), created.TableName!);
                await ClaimForLegacyOwnerAsync(created, claim, cancellationToken);
                await ReachTableAsync(created, cancellationToken);
                actions.Add(new TableTransactionAction(TableTransactionActionType.Add, TenantEntities.Claim(claim, created)));
            }

            try
            {
                await Registry.SubmitTransactionAsync(actions, cancellationToken);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409 && ex.FailedTransactionActionIndex == 1 && claim is not null)
            {
                throw await TableTakenAsync(claim, created.TableName!, cancellationToken);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409)
            {
                throw ScimException.Conflict($"A tenant with id '{tenant.Id}' already exists.");
            }

            return created;
        }, cancellationToken);
    }

    public Task<TenantRecord> UpdateAsync(TenantRecord tenant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return StorageErrors.Guard(async () =>
        {
            for (var attempt = 1; ; attempt++)
            {
                var current = await Registry.GetIfExistsAsync(TenantEntities.PartitionKey, tenant.Id.Value, null, cancellationToken)
                    ?? throw ScimException.NotFound($"No tenant has id '{tenant.Id}'.");
                var existing = TenantEntities.FromEntity(current);
                if (existing.Status == TenantStatus.Deleting)
                {
                    throw new ScimException(409, null, $"Tenant '{tenant.Id}' is being deleted.");
                }

                if (tenant.Status == TenantStatus.Deleting)
                {
                    throw ScimException.InvalidValue("Use the delete operation to delete a tenant.");
                }

                // A policy stored before these rules existed does not block suspend or resume; a changed one is checked.
                if (tenant.Policy != existing.Policy)
                {
                    TenantPolicyRules.Validate(tenant.Policy);
                }

                if (tenant.Incarnation is not null && tenant.Incarnation != existing.Incarnation)
                {
                    throw new ScimException(409, null, $"Tenant '{tenant.Id}' was deleted and created again meanwhile; read it again.");
                }

                // Where a tenant's rows live (and which life of the id this is) cannot change by an update: only a move
                // (TenantMover) changes it.
                var updated = tenant with { Created = existing.Created, Isolation = existing.Isolation, TableName = existing.TableName, StorageEndpoint = existing.StorageEndpoint, Incarnation = existing.Incarnation, Epoch = existing.Epoch };
                try
                {
                    await Registry.UpdateEntityAsync(TenantEntities.ToEntity(updated), current.ETag, TableUpdateMode.Replace, cancellationToken);
                    storage.ForgetTenant(updated);
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
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TenantEntities.PartitionKey} and RowKey lt {TenantEntities.TenantRowsEnd}");
            await foreach (var entity in Registry.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                tenants.Add(TenantEntities.FromEntity(entity));
            }

            return tenants;
        }, cancellationToken);

    public Task DeleteAsync(TenantId tenant, CancellationToken cancellationToken = default) =>
        StorageErrors.Guard(() => new TenantDataDeleter(storage, time).DeleteAsync(tenant, cancellationToken), cancellationToken);

    public Task<PurgeReport> PurgeDeletedAsync(IProgress<string>? progress = null, CancellationToken cancellationToken = default) =>
        StorageErrors.Guard(() => new TenantDataDeleter(storage, time).PurgeDeletedAsync(progress, cancellationToken), cancellationToken);

    /// <summary>
    /// A silo tenant created before table claims existed owns its table without a claim row: give it its claim first
    /// (an insert, so a race with another create is settled by the table service), so the new tenant's claim then fails.
    /// </summary>
    internal async Task ClaimForLegacyOwnerAsync(TenantRecord created, string claim, CancellationToken cancellationToken)
    {
        foreach (var other in await ListAsync(cancellationToken))
        {
            if (other.Isolation != TenantIsolation.Pool && other.Id != created.Id && other.TableName is not null &&
                string.Equals(SiloTables.ClaimRowKey(storage.AccountOf(other), other.TableName), claim, StringComparison.Ordinal))
            {
                try
                {
                    await Registry.AddEntityAsync(TenantEntities.Claim(claim, other), cancellationToken);
                }
                catch (RequestFailedException ex) when (ex.Status == 409)
                {
                    // Claimed already.
                }
            }
        }
    }

    /// <summary>Creates the silo table when missing; a stamp that cannot reach or may not use the account is told so now (400/409).</summary>
    internal async Task ReachTableAsync(TenantRecord created, CancellationToken cancellationToken)
    {
        if (created.Isolation == TenantIsolation.SiloAccount && !storage.CanAuthenticateTo(created.StorageEndpoint!))
        {
            throw ScimException.InvalidValue(
                $"The stamp has no way to authenticate to the storage account at '{created.StorageEndpoint!.Authority}': configure its connection string ({TableStoreOptions.SiloAccountsSetting}:n) or give the stamp's managed identity access to it.");
        }

        try
        {
            await storage.TableFor(created).CreateIfNotExistsAsync(cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 401 or 403)
        {
            throw ScimException.InvalidValue($"The stamp may not create or use table '{created.TableName}' in the storage account at '{storage.AccountOf(created).Authority}' (the account answered {ex.Status}); grant it the Storage Table Data Contributor role there.");
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            throw new ScimException(409, null, $"Table '{created.TableName}' is still being deleted by the storage service; retry in a minute.");
        }
        catch (Exception ex) when (created.Isolation == TenantIsolation.SiloAccount && StorageErrors.IsUnavailable(ex, cancellationToken))
        {
            throw ScimException.InvalidValue($"The storage account at '{created.StorageEndpoint!.Authority}' cannot be reached from the stamp; check the endpoint and the network.");
        }
    }

    /// <summary>The 409 for a table another tenant has claimed, naming the owner.</summary>
    internal async Task<ScimException> TableTakenAsync(string claim, string tableName, CancellationToken cancellationToken)
    {
        var owner = await Registry.GetIfExistsAsync(TenantEntities.PartitionKey, claim, null, cancellationToken);
        var who = owner?.GetString("Tenant") is { } id ? $"tenant '{id}'" : "another tenant";
        return new ScimException(409, ScimType.Uniqueness, $"Table '{tableName}' is already used by {who}; choose another table name.");
    }
}
