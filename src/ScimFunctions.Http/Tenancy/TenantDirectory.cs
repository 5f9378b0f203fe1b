using System.Collections.Concurrent;
using ScimFunctions.Core;
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
/// The tenant registry as the request path sees it: cached per process with a short TTL and single-flight loading,
/// so a burst of requests (or of bad requests for unknown tenants) costs one registry read per tenant per TTL.
/// Unknown tenants are cached too (as null). Operator changes made through this process invalidate at once.
/// </summary>
public sealed class TenantDirectory
{
    private const int MaxEntries = 10_000;

    private readonly ITenantRegistry _registry;
    private readonly TimeProvider _time;
    private readonly TimeSpan _ttl;
    private readonly ConcurrentDictionary<TenantId, Entry> _entries = new();
    private readonly Lock _gate = new();

    public TenantDirectory(ITenantRegistry registry, TimeProvider time, ScimHttpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _registry = registry;
        _time = time;
        _ttl = options.TenantCacheTtl;
    }

    public async Task<CachedTenant?> GetAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        if (!_entries.TryGetValue(tenant, out var entry) || !entry.IsFresh(now))
        {
            lock (_gate)
            {
                if (!_entries.TryGetValue(tenant, out entry) || !entry.IsFresh(now))
                {
                    TrimIfFull(now);
                    entry = new Entry(LoadAsync(tenant), now + _ttl);
                    _entries[tenant] = entry;
                }
            }
        }

        return await entry.Load.WaitAsync(cancellationToken);
    }

    /// <summary>Forgets the cached row (after an operator change in this process).</summary>
    public void Invalidate(TenantId tenant) => _entries.TryRemove(tenant, out _);

    private async Task<CachedTenant?> LoadAsync(TenantId tenant)
    {
        // Shared by every waiting request, so not bound to any one request's cancellation.
        var record = await _registry.GetAsync(tenant, CancellationToken.None);
        return record is null ? null : new CachedTenant(record);
    }

    private void TrimIfFull(DateTimeOffset now)
    {
        if (_entries.Count < MaxEntries)
        {
            return;
        }

        foreach (var pair in _entries)
        {
            if (!pair.Value.IsFresh(now))
            {
                _entries.TryRemove(pair.Key, out _);
            }
        }

        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }
    }

    private sealed record Entry(Task<CachedTenant?> Load, DateTimeOffset Expires)
    {
        public bool IsFresh(DateTimeOffset now) => Expires > now && !Load.IsFaulted && !Load.IsCanceled;
    }
}
