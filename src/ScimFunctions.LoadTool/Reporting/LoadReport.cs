using ScimFunctions.LoadTool.Cost;

namespace ScimFunctions.LoadTool.Reporting;

/// <summary>Everything one run measured, as written to --json and rendered as tables.</summary>
internal sealed record LoadReport(
    string Scenario,
    string Target,
    DateTimeOffset Started,
    int Concurrency,
    int Users,
    int Groups,
    double ElapsedSeconds,
    long WorkItems,
    long FailedWorkItems,
    IReadOnlyList<string> SampleFailures,
    IReadOnlyList<OperationStats> Operations)
{
    public IReadOnlyList<OperationStats> RawBaseline { get; init; } = [];
    public IReadOnlyList<OperationCost> Costs { get; init; } = [];

    /// <summary>The typical mix's cost per million by instance size and per-instance concurrency, from its measured host CPU.</summary>
    public IReadOnlyList<GridCost> CostGrid { get; init; } = [];

    /// <summary>Host CPU and allocations per request by measured phase (in-process runs only).</summary>
    public IReadOnlyList<PhaseCost> Phases { get; init; } = [];
    public PriceSheet? Prices { get; init; }
    public CostAssumptions? CostAssumptions { get; init; }
    public required MachineInfo Machine { get; init; }

    /// <summary>The consistency checker's verdict on the tenant after the run (null when storage was not given).</summary>
    public ConsistencySummary? Consistency { get; init; }

    /// <summary>Free-form figures of a scenario (e.g. users read by an import).</summary>
    public IReadOnlyDictionary<string, double> Figures { get; init; } = new Dictionary<string, double>();

    public long TotalRequests => Operations.Sum(o => o.Count);

    public double ThroughputPerSecond => ElapsedSeconds <= 0 ? 0 : TotalRequests / ElapsedSeconds;

    public long? TotalStorageRequests =>
        Operations.Any(o => o.TotalStorageRequests is not null) ? Operations.Sum(o => o.TotalStorageRequests ?? 0) : null;
}
