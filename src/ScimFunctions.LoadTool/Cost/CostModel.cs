namespace ScimFunctions.LoadTool.Cost;

/// <summary>
/// Cost per million requests = executions fee + storage requests × price + Key Vault reads × price + instance GB ×
/// instance-seconds per request × price + telemetry bytes × price. A busy instance running
/// <see cref="CostAssumptions.ConcurrentExecutionsPerInstance"/> requests at once spends max(latency ÷ concurrency,
/// CPU ÷ vCPU share) instance-seconds per request; a sparse one at least the minimum billable period; a new instance's
/// cold-start CPU is spread over the requests it serves. From a load run's operations (latency measured, CPU unknown)
/// or from measured host CPU (<see cref="RequestProfile"/>).
/// </summary>
internal static class CostModel
{
    private const decimal Million = 1_000_000m;

    /// <summary>Concurrencies and instance sizes of the cost grid (<see cref="Grid"/>).</summary>
    public static IReadOnlyList<double> GridConcurrencies { get; } = [1, 16, 64];

    public static IReadOnlyList<double> GridInstanceMemoryGb { get; } = [0.512, 2.048];

    public static IReadOnlyList<OperationCost> Estimate(IEnumerable<OperationStats> operations, PriceSheet prices, CostAssumptions assumptions) =>
        [.. operations.Where(o => o.StorageRequestsPerOperation is not null && o.Count > 0).Select(o => Estimate(o, prices, assumptions))];

    public static OperationCost Estimate(OperationStats operation, PriceSheet prices, CostAssumptions assumptions)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return Estimate(new RequestProfile(operation.Operation, operation.StorageRequestsPerOperation ?? 0, operation.MeanMs, CpuMs: null), prices, assumptions);
    }

    public static OperationCost Estimate(RequestProfile request, PriceSheet prices, CostAssumptions assumptions)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(prices);
        ArgumentNullException.ThrowIfNull(assumptions);
        var keyVaultReads = assumptions.KeyVaultReadsPerOperation;
        var seconds = InstanceSecondsPerRequest(request, assumptions);
        return new OperationCost(
            request.Name,
            request.StorageRequests,
            keyVaultReads,
            ExecutionSeconds: request.LatencyMs / 1000,
            StoragePerMillion: (decimal)request.StorageRequests * Million / 10_000m * prices.TableTransactionsPer10K,
            KeyVaultPerMillion: (decimal)keyVaultReads * Million / 10_000m * prices.KeyVaultOperationsPer10K,
            ExecutionTimePerMillion: (decimal)(seconds * assumptions.InstanceMemoryGb) * Million * prices.FlexOnDemandPerGbSecond,
            ExecutionsPerMillion: prices.FlexExecutionsPerMillion,
            InstanceSecondsPerRequest: seconds,
            TelemetryPerMillion: (decimal)assumptions.TelemetryBytesPerRequest * Million / 1_000_000_000m * prices.TelemetryPerGbIngested);
    }

    /// <summary>
    /// Billed instance-seconds per request: max(latency ÷ concurrency, CPU ÷ vCPU share) on a busy instance (CPU unknown:
    /// latency ÷ concurrency), at least the minimum billable period when <paramref name="request"/> is sparse, plus the
    /// instance's cold-start CPU ÷ vCPU share spread over the requests an instance serves.
    /// </summary>
    public static double InstanceSecondsPerRequest(RequestProfile request, CostAssumptions assumptions)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(assumptions);
        var latency = request.LatencyMs / 1000;
        var cpu = (request.CpuMs ?? 0) / 1000 / assumptions.VcpuShare;
        var busy = request.Sparse
            ? Math.Max(Math.Max(latency, cpu), assumptions.MinimumBillableSeconds)
            : Math.Max(latency / assumptions.ConcurrentExecutionsPerInstance, cpu);
        var coldStart = assumptions.RequestsPerInstanceStart > 0 ? assumptions.ColdStartCpuSeconds / assumptions.VcpuShare / assumptions.RequestsPerInstanceStart : 0;
        return busy + coldStart;
    }

    /// <summary>
    /// A request measured by its host CPU: its latency modelled as CPU on one vCPU share plus
    /// <see cref="CostAssumptions.StorageLatencyMs"/> per storage request.
    /// </summary>
    public static RequestProfile FromCpu(string name, double cpuMs, double storageRequests, CostAssumptions assumptions)
    {
        ArgumentNullException.ThrowIfNull(assumptions);
        return new RequestProfile(name, storageRequests, cpuMs / assumptions.VcpuShare + storageRequests * assumptions.StorageLatencyMs, cpuMs);
    }

    /// <summary>The request's cost at each grid concurrency and instance size, then sparse (one request at a time) at each size.</summary>
    public static IReadOnlyList<GridCost> Grid(string name, double cpuMs, double storageRequests, PriceSheet prices, CostAssumptions assumptions)
    {
        ArgumentNullException.ThrowIfNull(assumptions);
        var rows = new List<GridCost>();
        foreach (var memory in GridInstanceMemoryGb)
        {
            var sized = assumptions with { InstanceMemoryGb = memory, Vcpus = null };
            foreach (var concurrency in GridConcurrencies)
            {
                var at = sized with { ConcurrentExecutionsPerInstance = concurrency };
                rows.Add(new GridCost(memory, concurrency, Sparse: false, Estimate(FromCpu(name, cpuMs, storageRequests, at), prices, at)));
            }

            rows.Add(new GridCost(memory, 1, Sparse: true, Estimate(FromCpu(name, cpuMs, storageRequests, sized) with { Sparse = true }, prices, sized)));
        }

        return rows;
    }
}

/// <summary>One request as the cost model sees it: storage requests, latency, and host CPU when measured.</summary>
internal sealed record RequestProfile(string Name, double StorageRequests, double LatencyMs, double? CpuMs)
{
    /// <summary>Alone on its instance (sparse traffic): billed at least the minimum billable period.</summary>
    public bool Sparse { get; init; }
}

/// <summary>One cell of the cost grid: instance size, per-instance concurrency (or sparse traffic), and the cost.</summary>
internal sealed record GridCost(double InstanceMemoryGb, double Concurrency, bool Sparse, OperationCost Cost);
