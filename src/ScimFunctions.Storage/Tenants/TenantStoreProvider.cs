using ScimFunctions.Storage.Caching;

namespace ScimFunctions.Storage.Tenants;

/// <summary>
/// Resolves a tenant's store from its registry row, kept per process for <see cref="TableStoreOptions.TenantCacheLifetime"/>
/// (policy changes apply within that time) in a <see cref="BoundedCache{TKey, TValue}"/>: concurrent first uses of a
/// tenant share one registry read, and at most <see cref="MaxEntries"/> tenants are kept. Unknown and deleting tenants
/// are 404 (not cached: the next use reads again).
/// </summary>
internal sealed class TenantStoreProvider(TableStorage storage, ITenantRegistry registry, TimeProvider time, int capacity = TenantStoreProvider.MaxEntries) : ITenantStoreProvider
{
    public const int MaxEntries = 10_000;

    private readonly BoundedCache<TenantId, TenantRecord> _tenants = new(capacity, time);

    public async ValueTask<ITenantScimStore> GetStoreAsync(TenantId tenant, CancellationToken cancellationToken = default) =>
        storage.GetStore(await _tenants.GetOrLoadAsync(tenant, LoadAsync, _ => storage.Options.TenantCacheLifetime, cancellationToken));

    public ITenantScimStore GetStore(TenantRecord tenant) => storage.GetStore(tenant);

    public void Forget(TenantId tenant) => _tenants.Invalidate(tenant);

    // Shared by every waiting caller, so not bound to any one caller's cancellation.
    private async Task<TenantRecord> LoadAsync(TenantId tenant)
    {
        var record = await registry.GetAsync(tenant, CancellationToken.None);
        return record is null || record.Status == TenantStatus.Deleting
            ? throw ScimException.NotFound($"No tenant has id '{tenant}'.")
            : record;
    }
}
