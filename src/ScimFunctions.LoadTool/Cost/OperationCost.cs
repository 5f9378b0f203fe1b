namespace ScimFunctions.LoadTool.Cost;

/// <summary>
/// Cost of one million requests of one operation, by component (USD, list prices). <see cref="InstanceSecondsPerRequest"/>
/// is the billed instance-seconds per request (the larger of latency ÷ concurrency and CPU ÷ vCPU share, plus cold start).
/// </summary>
internal sealed record OperationCost(
    string Operation,
    double StorageRequestsPerOperation,
    double KeyVaultReadsPerOperation,
    double ExecutionSeconds,
    decimal StoragePerMillion,
    decimal KeyVaultPerMillion,
    decimal ExecutionTimePerMillion,
    decimal ExecutionsPerMillion,
    double InstanceSecondsPerRequest,
    decimal TelemetryPerMillion)
{
    public decimal TotalPerMillion => StoragePerMillion + KeyVaultPerMillion + ExecutionTimePerMillion + ExecutionsPerMillion + TelemetryPerMillion;
}
