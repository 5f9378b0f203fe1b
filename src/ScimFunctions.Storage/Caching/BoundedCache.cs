namespace ScimFunctions.Storage.Caching;

/// <summary>
/// A per-process cache with a size cap, per-entry lifetimes and single-flight loading: concurrent misses of one key
/// share one load; a load that fails is not kept (the next caller loads again); when the cap is reached the least
/// recently used entry goes (never the whole cache). The lifetime can depend on the value (e.g. a short one for
/// "not found") and counts from the start of the load, so nothing served is older than its lifetime. A caller may ask
/// for a cached value to be read again (<c>reloadIf</c>): the first such caller starts one load that replaces the entry,
/// and callers meanwhile share it. Thread-safe; one lock guards the index and the recency list, loads run outside it.
/// </summary>
public sealed class BoundedCache<TKey, TValue>
    where TKey : notnull
{
    private readonly Dictionary<TKey, LinkedListNode<Entry>> _index;
    private readonly LinkedList<Entry> _recency = new(); // most recently used first
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();

    public BoundedCache(int capacity, TimeProvider time, IEqualityComparer<TKey>? comparer = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentNullException.ThrowIfNull(time);
        Capacity = capacity;
        _time = time;
        _index = new Dictionary<TKey, LinkedListNode<Entry>>(comparer);
    }

    public int Capacity { get; }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _index.Count;
            }
        }
    }

    /// <summary>The cached value, or the result of <paramref name="load"/> (see the overload with <c>reloadIf</c>).</summary>
    public Task<TValue> GetOrLoadAsync(TKey key, Func<TKey, Task<TValue>> load, Func<TValue, TimeSpan> lifetimeOf, CancellationToken cancellationToken = default) =>
        GetOrLoadAsync(key, load, lifetimeOf, null, cancellationToken);

    /// <summary>
    /// The cached value, or the result of <paramref name="load"/> (shared by every caller that misses meanwhile and
    /// kept for <paramref name="lifetimeOf"/>(value)). The load is not bound to any one caller's cancellation;
    /// <paramref name="cancellationToken"/> only stops this caller's wait. A live value for which
    /// <paramref name="reloadIf"/> is true (evaluated under the cache's lock) is replaced by a new load, as if it had expired.
    /// </summary>
    public async Task<TValue> GetOrLoadAsync(TKey key, Func<TKey, Task<TValue>> load, Func<TValue, TimeSpan> lifetimeOf, Func<TValue, bool>? reloadIf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(lifetimeOf);
        Entry entry;
        var started = false;
        lock (_gate)
        {
            if (!TryGetLocked(key, out entry!) || (reloadIf is not null && entry.Ready.Task.IsCompletedSuccessfully && reloadIf(entry.Ready.Task.Result)))
            {
                entry = new Entry(key);
                RemoveLocked(key);
                AddLocked(entry);
                started = true;
            }
        }

        if (started)
        {
            _ = LoadAsync(entry, load, lifetimeOf);
        }

        return await entry.Ready.Task.WaitAsync(cancellationToken);
    }

    /// <summary>The cached value, or a new one from <paramref name="create"/> kept for <paramref name="lifetime"/>.</summary>
    public TValue GetOrAdd(TKey key, Func<TKey, TValue> create, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(create);
        lock (_gate)
        {
            if (TryGetLocked(key, out var entry) && entry.Ready.Task.IsCompletedSuccessfully)
            {
                return entry.Ready.Task.Result;
            }

            var value = create(key);
            SetLocked(key, value, lifetime);
            return value;
        }
    }

    /// <summary>Stores a value known without loading (e.g. what this process just wrote), replacing any entry.</summary>
    public void Set(TKey key, TValue value, TimeSpan lifetime)
    {
        lock (_gate)
        {
            SetLocked(key, value, lifetime);
        }
    }

    /// <summary>True when the key has a live entry or a load in flight (a get would not start a load).</summary>
    public bool Contains(TKey key)
    {
        lock (_gate)
        {
            return _index.TryGetValue(key, out var node) && node.Value.IsLive(_time.GetUtcNow());
        }
    }

    /// <summary>Forgets the key (a load in flight still completes for its own waiters, but is not kept).</summary>
    public void Invalidate(TKey key)
    {
        lock (_gate)
        {
            RemoveLocked(key);
        }
    }

    /// <summary>Runs a load to completion (never throws: the outcome goes to the entry's waiters).</summary>
    private async Task LoadAsync(Entry entry, Func<TKey, Task<TValue>> load, Func<TValue, TimeSpan> lifetimeOf)
    {
        var started = _time.GetUtcNow();
        try
        {
            var value = await load(entry.Key);
            lock (_gate)
            {
                entry.Expires = started + lifetimeOf(value);
            }

            entry.Ready.SetResult(value);
        }
#pragma warning disable CA1031 // The fault goes to every waiter through the shared task; the entry is dropped so the next caller retries.
        catch (Exception fault)
#pragma warning restore CA1031
        {
            lock (_gate)
            {
                if (_index.TryGetValue(entry.Key, out var node) && ReferenceEquals(node.Value, entry))
                {
                    RemoveLocked(entry.Key);
                }
            }

            entry.Ready.SetException(fault);
        }
    }

    private void SetLocked(TKey key, TValue value, TimeSpan lifetime)
    {
        var entry = new Entry(key) { Expires = _time.GetUtcNow() + lifetime };
        entry.Ready.SetResult(value);
        RemoveLocked(key);
        AddLocked(entry);
    }

    private bool TryGetLocked(TKey key, out Entry entry)
    {
        if (_index.TryGetValue(key, out var node))
        {
            if (node.Value.IsLive(_time.GetUtcNow()))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                entry = node.Value;
                return true;
            }

            RemoveLocked(key);
        }

        entry = null!;
        return false;
    }

    private void AddLocked(Entry entry)
    {
        while (_index.Count >= Capacity && _recency.Last is { } oldest)
        {
            RemoveLocked(oldest.Value.Key);
        }

        _index[entry.Key] = _recency.AddFirst(entry);
    }

    private void RemoveLocked(TKey key)
    {
        if (_index.Remove(key, out var node))
        {
            _recency.Remove(node);
        }
    }

    private sealed class Entry(TKey key)
    {
        public TKey Key { get; } = key;

        /// <summary>Completed with the loaded value (or the load's fault).</summary>
        public TaskCompletionSource<TValue> Ready { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Null while the load runs.</summary>
        public DateTimeOffset? Expires { get; set; }

        public bool IsLive(DateTimeOffset now) => Expires is not { } expires || expires > now;
    }
}
