using System.Collections.Concurrent;

namespace ScimFunctions.Storage.Query;

/// <summary>
/// Remembers, per process and for a few minutes, where the page starting at a given startIndex of a given query
/// begins (the row key just before it), so sequential index paging (1, 101, 201, …) resumes there instead of
/// re-reading from the start. Bounded: when full, the oldest half is dropped.
/// </summary>
internal sealed class PagePositionCache(TimeSpan lifetime, int capacity = 10_000)
{
    private readonly ConcurrentDictionary<(string Scope, int StartIndex), (string AfterRowKey, DateTimeOffset Expires)> _positions = new();

    public bool TryGet(string scope, int startIndex, DateTimeOffset now, out string afterRowKey)
    {
        afterRowKey = string.Empty;
        if (_positions.TryGetValue((scope, startIndex), out var entry) && entry.Expires > now)
        {
            afterRowKey = entry.AfterRowKey;
            return true;
        }

        return false;
    }

    public void Set(string scope, int startIndex, string afterRowKey, DateTimeOffset now)
    {
        if (_positions.Count >= capacity)
        {
            foreach (var old in _positions.OrderBy(p => p.Value.Expires).Take(capacity / 2).ToList())
            {
                _positions.TryRemove(old.Key, out _);
            }
        }

        _positions[(scope, startIndex)] = (afterRowKey, now + lifetime);
    }
}
