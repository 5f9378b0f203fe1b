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

    /// <summary>Statistics per operation in name order; throughput over <paramref name="elapsed"/>.</summary>
    public IReadOnlyList<OperationStats> Snapshot(TimeSpan elapsed) =>
        [.. _operations.Values.OrderBy(o => o.Operation, StringComparer.Ordinal).Select(o => o.ToStats(elapsed))];
}
