namespace ScimFunctions.LoadTool.Metrics;

/// <summary>
/// What one kind of request did during a measured run. Latencies are in milliseconds as the client saw them.
/// <see cref="StorageRequestsPerOperation"/> is null when the server did not report storage requests.
/// </summary>
internal sealed record OperationStats
{
    public required string Operation { get; init; }
    public required long Count { get; init; }
    public required double ThroughputPerSecond { get; init; }
    public required double MeanMs { get; init; }
    public required double P50Ms { get; init; }
    public required double P95Ms { get; init; }
    public required double P99Ms { get; init; }
    public required double MaxMs { get; init; }

    /// <summary>Responses by HTTP status; 0 means no response (connection refused, timeout).</summary>
    public required IReadOnlyDictionary<int, long> Statuses { get; init; }

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
