using System.Collections.Concurrent;

namespace ScimFunctions.Storage.Counters;

/// <summary>The process-wide cache of counter shards, per table, tenant and resource type.</summary>
internal sealed class CounterCache(int shardCount)
{
    private readonly ConcurrentDictionary<(string Table, string Tenant, string Type), CounterShards> _shards = new();

    public CounterShards For(TenantPartition partition, string type) =>
        _shards.GetOrAdd((partition.Table.Name, partition.PartitionKey, type), key => new CounterShards(key.Type, shardCount));

    /// <summary>Forgets a tenant (after its data was deleted).</summary>
    public void Forget(string table, string tenant)
    {
        foreach (var key in _shards.Keys.Where(k => k.Table == table && k.Tenant == tenant))
        {
            _shards.TryRemove(key, out _);
        }
    }
}
