namespace ScimFunctions.LoadTool.Metrics;

/// <summary>Samples of one operation, safe to record from many workers.</summary>
internal sealed class OperationRecorder
{
    private readonly Lock _lock = new();
    private readonly List<double> _latenciesMs = [];
    private readonly Dictionary<int, long> _statuses = [];
    private long _storageRequests;
    private long _storageSamples;

    public OperationRecorder(string operation) => Operation = operation;

    public string Operation { get; }

    public void Record(TimeSpan latency, int status, int? storageRequests)
    {
        lock (_lock)
        {
            _latenciesMs.Add(latency.TotalMilliseconds);
            _statuses[status] = _statuses.GetValueOrDefault(status) + 1;
            if (storageRequests is { } count)
            {
                _storageRequests += count;
                _storageSamples++;
            }
        }
    }

    public OperationTally Tally()
    {
        lock (_lock)
        {
            return new OperationTally(_latenciesMs.Count, _storageRequests, _storageSamples);
        }
    }

    public OperationStats ToStats(TimeSpan elapsed)
    {
        lock (_lock)
        {
            var sorted = _latenciesMs.Order().ToArray();
            var seconds = Math.Max(elapsed.TotalSeconds, 1e-9);
            return new OperationStats(
                Operation,
                sorted.Length,
                ThroughputPerSecond: sorted.Length / seconds,
                MeanMs: sorted.Length == 0 ? 0 : sorted.Average(),
                P50Ms: Percentiles.NearestRank(sorted, 50),
                P95Ms: Percentiles.NearestRank(sorted, 95),
                P99Ms: Percentiles.NearestRank(sorted, 99),
                MaxMs: sorted.Length == 0 ? 0 : sorted[^1],
                Statuses: new SortedDictionary<int, long>(_statuses))
            {
                StorageRequestsPerOperation = _storageSamples == 0 ? null : (double)_storageRequests / _storageSamples,
                TotalStorageRequests = _storageSamples == 0 ? null : _storageRequests,
            };
        }
    }
}
