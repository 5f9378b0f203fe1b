namespace ScimFunctions.LoadTool.Metrics;

/// <summary>
/// What one kind of request did during a measured run. Latencies are in milliseconds as the client saw them.
/// <see cref="Statuses"/> counts responses by HTTP status; 0 means no response (connection refused, timeout).
/// <see cref="StorageRequestsPerOperation"/> is null when the server did not report storage requests.
/// </summary>
internal sealed record OperationStats(
    string Operation,
    long Count,
    double ThroughputPerSecond,
    double MeanMs,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    double MaxMs,
    IReadOnlyDictionary<int, long> Statuses)
{
    public long ErrorCount => Statuses.Where(s => !IsSuccess(s.Key)).Sum(s => s.Value);

    public double? StorageRequestsPerOperation { get; init; }
    public long? TotalStorageRequests { get; init; }

    /// <summary>p50 over the p50 of the raw Azure.Data.Tables operation this request maps to; null without a baseline.</summary>
    public double? RawBaselineRatio { get; init; }
    public string? RawBaselineOperation { get; init; }

    /// <summary>This process's CPU and allocations per operation (the raw baseline's operations); null when not measured.</summary>
    public PerRequestCost? ProcessCost { get; init; }

    public static bool IsSuccess(int status) => status is >= 200 and < 400;
}
