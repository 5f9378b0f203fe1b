using System.Diagnostics.Tracing;
using System.Globalization;

namespace ScimFunctions.Benchmarks.Http;

/// <summary>
/// Which types the requests of one <see cref="HttpPipelineBenchmarks"/> benchmark allocate: the runtime's allocation
/// ticks (one per ≈ 100 KB allocated, naming the type of the allocation that crossed it), counted by type.
/// Run: <c>dotnet run -c Release --project benchmarks/ScimFunctions.Benchmarks -- alloc-profile GetUser 2000</c>.
/// </summary>
internal sealed class AllocationProfile : EventListener
{
    private readonly Dictionary<string, long> _byType = new(StringComparer.Ordinal);
    private bool _on;

    public static async Task RunAsync(string benchmark, int requests)
    {
        var (bench, calls) = await HttpPipelineBenchmarks.StartAsync([benchmark], warmUp: 200);
        var invoke = calls[0];

        // A trace attached from now on (dotnet-trace collect -p <pid> --profile gc-verbose) sees the measured requests only.
        Console.WriteLine($"// set up; measuring {requests} requests of {benchmark} in process {Environment.ProcessId}");
        using var profile = new AllocationProfile();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        profile._on = true;
        for (var i = 0; i < requests; i++)
        {
            await invoke();
        }

        profile._on = false;
        var total = GC.GetTotalAllocatedBytes(precise: true) - before;
        Console.WriteLine($"{benchmark}: {total / (double)requests / 1024:F1} KB per request; allocation ticks by type:");
        lock (profile._byType)
        {
            var ticks = profile._byType.Values.Sum();
            foreach (var (type, count) in profile._byType.OrderByDescending(p => p.Value).Take(25))
            {
                Console.WriteLine($"{100.0 * count / ticks,6:F1} %  {type}");
            }
        }

        await bench.CleanupAsync();
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_on || eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || eventData.PayloadNames is null)
        {
            return;
        }

        var index = eventData.PayloadNames.IndexOf("TypeName");
        var type = index >= 0 ? Convert.ToString(eventData.Payload![index], CultureInfo.InvariantCulture) ?? "?" : "?";
        lock (_byType)
        {
            _byType[type] = _byType.GetValueOrDefault(type) + 1;
        }
    }
}
