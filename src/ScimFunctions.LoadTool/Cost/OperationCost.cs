namespace ScimFunctions.LoadTool.Cost;

/// <summary>Cost of one million requests of one operation, by component (USD, list prices).</summary>
internal sealed record OperationCost
{
    public required string Operation { get; init; }
    public required double StorageRequestsPerOperation { get; init; }
    public required double KeyVaultReadsPerOperation { get; init; }
    public required double ExecutionSeconds { get; init; }
    public required decimal StoragePerMillion { get; init; }
    public required decimal KeyVaultPerMillion { get; init; }
    public required decimal ExecutionTimePerMillion { get; init; }
    public required decimal ExecutionsPerMillion { get; init; }

    /// <summary>Billed instance-seconds per request (the larger of latency ÷ concurrency and CPU ÷ vCPU share, plus cold start).</summary>
    public double InstanceSecondsPerRequest { get; init; }

    public decimal TelemetryPerMillion { get; init; }

    public decimal TotalPerMillion => StoragePerMillion + KeyVaultPerMillion + ExecutionTimePerMillion + ExecutionsPerMillion + TelemetryPerMillion;
}
