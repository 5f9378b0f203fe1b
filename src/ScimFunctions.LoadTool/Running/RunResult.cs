namespace ScimFunctions.LoadTool.Running;

/// <summary>What the measured phases did: per-operation statistics, elapsed time, and work items that gave up.</summary>
internal sealed record RunResult(IReadOnlyList<OperationStats> Operations, TimeSpan Elapsed, long WorkItems, long FailedWorkItems, IReadOnlyList<string> SampleFailures)
{
    /// <summary>What each measured phase cost the process, in phase order.</summary>
    public IReadOnlyList<PhaseCost> Phases { get; init; } = [];
}
