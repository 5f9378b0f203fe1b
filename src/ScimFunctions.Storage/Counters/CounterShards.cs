using System.Security.Cryptography;
using Azure;

namespace ScimFunctions.Storage.Counters;

/// <summary>
/// The resource count of one type in one tenant, kept in N shard rows so concurrent creates rarely touch the same row.
/// A create or delete changes one shard inside its own transaction, conditional on the shard's ETag (a conflict only
/// retries that transaction with fresh shard values). With a quota of M, shard i may hold at most its share
/// (M / N, the first M mod N shards one more): every shard's cap is enforced transactionally, so the total can never
/// exceed M however many creates race. The process caches the shards' values and ETags, so a create costs no extra
/// read in the steady state.
/// </summary>
internal sealed class CounterShards
{
    private readonly Lock _lock = new();
    private readonly string _type;
    private readonly int _shardCount;
    private Shard[]? _shards;
    private readonly int[] _inFlight;

    public CounterShards(string type, int shardCount)
    {
        _type = type;
        _shardCount = shardCount;
        _inFlight = new int[shardCount];
    }

    public bool IsLoaded
    {
        get
        {
            lock (_lock)
            {
                return _shards is not null;
            }
        }
    }

    /// <summary>Reads every shard (one range query) and returns the total.</summary>
    public async Task<long> RefreshAsync(TenantPartition partition, CancellationToken cancellationToken)
    {
        var shards = new Shard[_shardCount];
        var prefix = RowKeys.CounterPrefix(_type);
        await foreach (var entity in partition.QueryRange(prefix, RowKeys.PrefixEnd(prefix), cancellationToken: cancellationToken))
        {
            if (int.TryParse(entity.RowKey.AsSpan(prefix.Length), System.Globalization.CultureInfo.InvariantCulture, out var index) && index >= 0 && index < _shardCount)
            {
                shards[index] = new Shard(entity.GetInt64(Columns.Count) ?? 0, entity.ETag);
            }
        }

        lock (_lock)
        {
            _shards = shards;
        }

        return shards.Sum(s => s.Count);
    }

    public void Invalidate()
    {
        lock (_lock)
        {
            _shards = null;
        }
    }

    /// <summary>
    /// Picks a shard for <paramref name="delta"/> (+1 or -1) and returns the action to put in the transaction, reading
    /// the shards when the cache is empty; null when an increment finds every shard at its cap after a fresh read
    /// (the quota <paramref name="max"/> is reached).
    /// </summary>
    public async Task<CounterReservation?> ReserveAsync(TenantPartition partition, int delta, long? max, CancellationToken cancellationToken)
    {
        var refreshed = false;
        for (var attempt = 0; attempt < 10; attempt++)
        {
            if (TryReserve(partition, delta, max, out var reservation))
            {
                if (reservation is not null || refreshed)
                {
                    return reservation;
                }
            }

            await RefreshAsync(partition, cancellationToken);
            refreshed = true;
        }

        throw new InvalidOperationException("The counter shards could not be read consistently.");
    }

    /// <summary>False when the shards are not loaded; otherwise true with a reservation, or null when at the cap.</summary>
    private bool TryReserve(TenantPartition partition, int delta, long? max, out CounterReservation? reservation)
    {
        reservation = null;
        lock (_lock)
        {
            if (_shards is not { } shards)
            {
                return false;
            }

            var candidates = new List<int>();
            for (var i = 0; i < shards.Length; i++)
            {
                var fits = delta > 0 ? max is not { } m || shards[i].Count + delta <= Cap(m, i) : shards[i].Count + delta >= 0;
                if (fits)
                {
                    candidates.Add(i);
                }
            }

            if (candidates.Count == 0)
            {
                if (delta > 0)
                {
                    return true;
                }

                candidates.Add(0);
            }

            var idle = candidates.Where(i => _inFlight[i] == 0).ToList();
            var pool = idle.Count > 0 ? idle : candidates;
            var shard = pool[RandomNumberGenerator.GetInt32(pool.Count)];
            _inFlight[shard]++;
            var current = shards[shard];
            var entity = partition.NewEntity(RowKeys.Counter(_type, shard));
            entity[Columns.Kind] = RowKinds.Counter;
            entity[Columns.Type] = _type;
            entity[Columns.Count] = current.Count + delta;
            var action = current.ETag is { } etag
                ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, etag)
                : new TableTransactionAction(TableTransactionActionType.Add, entity);
            reservation = new CounterReservation(this, shard, current.Count + delta, new Op(action, OpRole.Counter));
            return true;
        }
    }

    internal void Complete(int shard, long count, ETag? committed, bool invalidate)
    {
        lock (_lock)
        {
            _inFlight[shard] = Math.Max(0, _inFlight[shard] - 1);
            if (_shards is not { } shards)
            {
                return;
            }

            if (invalidate)
            {
                _shards = null;
            }
            else if (committed is { } etag)
            {
                shards[shard] = new Shard(count, etag);
            }
        }
    }

    private long Cap(long max, int shard) => (max / _shardCount) + (shard < max % _shardCount ? 1 : 0);

    private readonly record struct Shard(long Count, ETag? ETag);
}

/// <summary>A shard chosen for one transaction; report the outcome exactly once.</summary>
internal sealed class CounterReservation(CounterShards owner, int shard, long count, Op op)
{
    private int _done;

    public Op Op { get; } = op;

    /// <summary>The transaction committed; <paramref name="etag"/> is the shard's new ETag.</summary>
    public void Committed(ETag? etag)
    {
        if (Interlocked.Exchange(ref _done, 1) == 0)
        {
            owner.Complete(shard, count, etag, invalidate: etag is null);
        }
    }

    /// <summary>The transaction failed; when the shard caused it (or the outcome is unknown), the cached values are dropped.</summary>
    public void Failed(bool invalidate)
    {
        if (Interlocked.Exchange(ref _done, 1) == 0)
        {
            owner.Complete(shard, count, null, invalidate);
        }
    }
}
