using System.Collections.Concurrent;

namespace ScimFunctions.LoadTool.Metrics;

/// <summary>Collects request samples by operation name for one measured phase set.</summary>
internal sealed class MetricsCollector
{
    private readonly ConcurrentDictionary<string, OperationRecorder> _operations = new(StringComparer.Ordinal);
    private long _completed;

    /// <summary>Requests recorded so far (for progress display).</summary>
    public long Completed => Interlocked.Read(ref _completed);

    public void Record(string operation, TimeSpan latency, int status, int? storageRequests = null)
    {
        _operations.GetOrAdd(operation, name => new OperationRecorder(name)).Record(latency, status, storageRequests);
        Interlocked.Increment(ref _completed);
    }

    /// <summary>Requests and storage requests recorded so far, by operation.</summary>
    public IReadOnlyDictionary<string, OperationTally> Tally() =>
        _operations.ToDictionary(o => o.Key, o => o.Value.Tally(), StringComparer.Ordinal);

    /// <summary>What was recorded between <paramref name="before"/> (an earlier <see cref="Tally"/>) and now; operations with no new request are left out.</summary>
    public IReadOnlyDictionary<string, OperationTally> TallySince(IReadOnlyDictionary<string, OperationTally> before)
    {
        ArgumentNullException.ThrowIfNull(before);
        return Tally()
            .Select(t => (t.Key, Value: t.Value - before.GetValueOrDefault(t.Key)))
            .Where(t => t.Value.Count > 0)
            .ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
    }

    /// <summary>Statistics per operation in name order; throughput over <paramref name="elapsed"/>.</summary>
    public IReadOnlyList<OperationStats> Snapshot(TimeSpan elapsed) =>
        [.. _operations.Values.OrderBy(o => o.Operation, StringComparer.Ordinal).Select(o => o.ToStats(elapsed))];
}
