namespace ScimFunctions.LoadTool.Metrics;

/// <summary>
/// This process's CPU time (all threads: request handling, the load generator, GC and JIT) and bytes allocated so far.
/// The difference of two samples taken around a phase is what the phase cost the process.
/// </summary>
internal readonly record struct ProcessSample(TimeSpan Cpu, long AllocatedBytes)
{
    public static ProcessSample Now() => new(Environment.CpuUsage.TotalTime, GC.GetTotalAllocatedBytes(precise: true));

    public static ProcessSample operator -(ProcessSample after, ProcessSample before) =>
        new(after.Cpu - before.Cpu, after.AllocatedBytes - before.AllocatedBytes);

    /// <summary>Runs <paramref name="work"/> and returns what it cost the process.</summary>
    public static async Task<ProcessSample> MeasureAsync(Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var before = Now();
        await work();
        return Now() - before;
    }
}

/// <summary>CPU milliseconds and bytes allocated per request.</summary>
internal readonly record struct PerRequestCost(double CpuMs, double AllocatedBytes)
{
    public static PerRequestCost Zero => default;

    /// <summary>A phase's cost spread evenly over its <paramref name="requests"/>; zero when there were none.</summary>
    public static PerRequestCost Of(ProcessSample delta, long requests) =>
        requests <= 0 ? Zero : new(delta.Cpu.TotalMilliseconds / requests, (double)delta.AllocatedBytes / requests);

    /// <summary>
    /// The request-weighted mean of per-operation costs (a mixed phase's share of each operation's cost); null when an
    /// operation has no cost to weigh.
    /// </summary>
    public static PerRequestCost? Weighted(IReadOnlyDictionary<string, long> counts, Func<string, PerRequestCost?> costOf)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(costOf);
        long total = 0;
        double cpu = 0, bytes = 0;
        foreach (var (operation, count) in counts)
        {
            if (costOf(operation) is not { } cost)
            {
                return null;
            }

            total += count;
            cpu += cost.CpuMs * count;
            bytes += cost.AllocatedBytes * count;
        }

        return total == 0 ? null : new PerRequestCost(cpu / total, bytes / total);
    }

    public static PerRequestCost operator -(PerRequestCost a, PerRequestCost b) =>
        new(Math.Max(0, a.CpuMs - b.CpuMs), Math.Max(0, a.AllocatedBytes - b.AllocatedBytes));
}
