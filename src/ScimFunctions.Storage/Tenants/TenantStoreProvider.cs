using System.Collections.Concurrent;
using ScimFunctions.Core;
using ScimFunctions.Core.Errors;
using ScimFunctions.Storage.Abstractions;

namespace ScimFunctions.Storage.Tenants;

/// <summary>
/// Resolves a tenant's store from its registry row, kept per process for <see cref="TableStoreOptions.TenantCacheLifetime"/>
/// (policy changes apply within that time). Unknown and deleting tenants are 404.
/// </summary>
internal sealed class TenantStoreProvider(TableStorage storage, ITenantRegistry registry, TimeProvider time) : ITenantStoreProvider
{
    private readonly ConcurrentDictionary<TenantId, (TenantRecord Record, DateTimeOffset Expires)> _tenants = new();

    public async ValueTask<ITenantScimStore> GetStoreAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (!_tenants.TryGetValue(tenant, out var cached) || cached.Expires <= now)
        {
            var record = await registry.GetAsync(tenant, cancellationToken);
            if (record is null || record.Status == TenantStatus.Deleting)
            {
                _tenants.TryRemove(tenant, out _);
                throw ScimException.NotFound($"No tenant has id '{tenant}'.");
            }

            cached = (record, now + storage.Options.TenantCacheLifetime);
            _tenants[tenant] = cached;
        }

        return storage.GetStore(cached.Record);
    }

    public ITenantScimStore GetStore(TenantRecord tenant) => storage.GetStore(tenant);

    public void Forget(TenantId tenant) => _tenants.TryRemove(tenant, out _);
}
