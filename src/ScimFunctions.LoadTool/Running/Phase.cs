namespace ScimFunctions.LoadTool.Running;

/// <summary>
/// One step of a workload: <see cref="Count"/> work items, or as many as fit in <see cref="Duration"/>, run by
/// the runner's workers. A phase that is not <see cref="Measured"/> prepares data and stays out of the report.
/// </summary>
internal sealed record Phase(string Name, Func<int, CancellationToken, Task> Item)
{
    public int? Count { get; init; }
    public TimeSpan? Duration { get; init; }
    public bool Measured { get; init; } = true;

    public static Phase Counted(string name, int count, Func<int, CancellationToken, Task> item, bool measured = true) =>
        new(name, item) { Count = count, Measured = measured };

    public static Phase Timed(string name, TimeSpan duration, Func<int, CancellationToken, Task> item) =>
        new(name, item) { Duration = duration };
}
