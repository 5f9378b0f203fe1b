using ScimFunctions.Storage.Counters;
using ScimFunctions.Storage.Query;
using ScimFunctions.Storage.Secrets;

namespace ScimFunctions.Storage.Store;

/// <summary>What every tenant store of a process shares: options, caches and stamp secrets.</summary>
internal sealed class StoreServices(TableStoreOptions options, StampSecrets secrets, TimeProvider time)
{
    public TableStoreOptions Options { get; } = options;

    public StampSecrets Secrets { get; } = secrets;

    public TimeProvider Time { get; } = time;

    public CounterCache Counters { get; } = new(options.CounterShards);

    public PagePositionCache Pages { get; } = new(TimeSpan.FromMinutes(10));

    public ScanDensity Density { get; } = new();

    /// <summary>Told when a write failed on a tenant's location fence: the registry row this process cached is stale.</summary>
    public Action<Tenants.TenantRecord>? Fenced { get; set; }

    /// <summary>How many times an operation re-reads and retries after an optimistic-concurrency conflict.</summary>
    public const int MaxAttempts = 30;
}
