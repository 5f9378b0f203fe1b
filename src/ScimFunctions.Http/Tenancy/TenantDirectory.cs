using ScimFunctions.Storage.Abstractions;
using ScimFunctions.Storage.Caching;
using ScimFunctions.Storage.Tenants;

namespace ScimFunctions.Http.Tenancy;

/// <summary>A tenant's registry row and its resource types, as cached together.</summary>
public sealed class CachedTenant
{
    private readonly Lazy<TenantSchemas> _schemas;

    public CachedTenant(TenantRecord record)
    {
        Record = record;
        _schemas = new Lazy<TenantSchemas>(() => TenantSchemas.For(record));
    }

    public TenantRecord Record { get; }

    /// <summary>Built once per cached row (extension schemas are parsed once per TTL, not per request).</summary>
    public TenantSchemas Schemas => _schemas.Value;
}

/// <summary>
/// The tenant registry as the request path sees it: cached per process in a <see cref="BoundedCache{TKey, TValue}"/>
/// (single-flight, at most <see cref="MaxEntries"/> tenants, least recently used evicted), so a burst of requests costs
/// one registry read per tenant per lifetime. A known tenant is kept for <see cref="ScimHttpOptions.TenantCacheTtl"/>;
/// an unknown one (null) for the shorter <see cref="ScimHttpOptions.UnknownTenantCacheTtl"/>, which bounds how long a
/// tenant created through another process stays unknown here. Operator changes made through this process invalidate
/// at once (so a tenant created through this process's operator API is cached as known at once: <see cref="Remember"/>).
/// </summary>
public sealed class TenantDirectory : ITenantCache
{
    public const int MaxEntries = 10_000;

    /// <summary>How long a tenant that existed counts as familiar (its cache refreshes are not rate-limited).</summary>
    private static readonly TimeSpan FamiliarLifetime = TimeSpan.FromHours(1);

    private readonly ITenantRegistry _registry;
    private readonly TimeSpan _ttl;
    private readonly TimeSpan _unknownTtl;
    private readonly BoundedCache<TenantId, CachedTenant?> _entries;
    private readonly BoundedCache<TenantId, bool> _familiar;

    public TenantDirectory(ITenantRegistry registry, TimeProvider time, ScimHttpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _registry = registry;
        _ttl = options.TenantCacheTtl;
        _unknownTtl = options.UnknownTenantCacheTtl;
        _entries = new BoundedCache<TenantId, CachedTenant?>(MaxEntries, time);
        _familiar = new BoundedCache<TenantId, bool>(MaxEntries, time);
    }

    public Task<CachedTenant?> GetAsync(TenantId tenant, CancellationToken cancellationToken = default) =>
        _entries.GetOrLoadAsync(tenant, LoadAsync, cached => cached is null ? _unknownTtl : _ttl, cancellationToken);

    /// <summary>
    /// True when a get needs no registry read (the tenant, or its absence, is cached, or a read is under way), or the
    /// read would refresh a tenant that existed within the last hour: only other lookups need the unknown-tenant limit.
    /// </summary>
    public bool IsFamiliar(TenantId tenant) => _entries.Contains(tenant) || _familiar.Contains(tenant);

    /// <summary>Caches a row this process just wrote (a tenant created here is usable here at once, whatever was cached).</summary>
    public void Remember(TenantRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _entries.Set(record.Id, new CachedTenant(record), _ttl);
        _familiar.Set(record.Id, true, FamiliarLifetime);
    }

    /// <summary>Forgets the cached row (after an operator change in this process).</summary>
    public void Invalidate(TenantId tenant) => _entries.Invalidate(tenant);

    private async Task<CachedTenant?> LoadAsync(TenantId tenant)
    {
        // Shared by every waiting request, so not bound to any one request's cancellation.
        var record = await _registry.GetAsync(tenant, CancellationToken.None);
        if (record is null)
        {
            _familiar.Invalidate(tenant);
            return null;
        }

        _familiar.Set(tenant, true, FamiliarLifetime);
        return new CachedTenant(record);
    }
}
