using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace ScimFunctions.Benchmarks.Http;

/// <summary>
/// Who allocates in the requests of one <see cref="HttpPipelineBenchmarks"/> benchmark: the runtime's allocation ticks
/// (one per ≈ 100 KB, so a few thousand requests give a few hundred samples) with their call stacks, from an EventPipe
/// session this process opens on itself (the same events <c>dotnet-trace --profile gc-verbose</c> records). Samples
/// under the in-memory storage service's <c>Send</c> are its share and are left out, as the benchmark leaves them out of
/// "stack"; the rest is attributed to the innermost frame of this repository's code (its callee shows whether the bytes
/// are the Azure SDK's work on our behalf or our own), or to the host and client (ASP.NET Core, the test server,
/// HttpClient) when no frame of ours is on the stack.
/// Run: <c>dotnet run -c Release --project benchmarks/ScimFunctions.Benchmarks -- alloc-stacks PatchGroupAdd10Members 1000</c>.
/// </summary>
internal static class AllocationStacks
{
    private const long GcKeyword = 0x1;
    private const long LoaderKeyword = 0x8;
    private const long JitKeyword = 0x10;

    public static async Task RunAsync(string benchmark, int requests)
    {
        var (bench, calls) = await HttpPipelineBenchmarks.StartAsync([benchmark], warmUp: 200);
        var invoke = calls[0];

        var path = Path.Combine(Path.GetTempPath(), $"alloc-stacks-{Environment.ProcessId}.nettrace");
        var providers = new[] { new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Verbose, GcKeyword | LoaderKeyword | JitKeyword) };
        using (var session = new DiagnosticsClient(Environment.ProcessId).StartEventPipeSession(providers, requestRundown: true))
        {
            await using var file = File.Create(path);
            var copy = session.EventStream.CopyToAsync(file);
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var jitter = new Random(15);
            long jittered = 0;
            for (var i = 0; i < requests; i++)
            {
                jittered += Jitter(jitter);
                await invoke();
            }

            Console.WriteLine($"{benchmark}: {(GC.GetTotalAllocatedBytes(precise: true) - before - jittered) / (double)requests / 1024:F1} KB per request (in-memory service included)");
            await session.StopAsync(CancellationToken.None);
            await copy;
        }

        await bench.CleanupAsync();
        Report(path, requests);
        File.Delete(path);
    }

    /// <summary>
    /// A random amount allocated between requests, left out of the report: every request allocates the same sequence, so
    /// without it the ticks (every ≈ 100 KB) would fall on the same few allocations of each request, not in proportion.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static long Jitter(Random random)
    {
        var bytes = new byte[random.Next(0, 16 * 1024)];
        GC.KeepAlive(bytes);
        return bytes.Length;
    }

    private static void Report(string path, int requests)
    {
        var etlx = TraceLog.CreateFromEventPipeDataFile(path);
        var byOwner = new Dictionary<string, long>(StringComparer.Ordinal);
        var byPart = new Dictionary<string, long>(StringComparer.Ordinal);
        long stack = 0;
        long service = 0;
        using (var log = new TraceLog(etlx))
        {
            foreach (var data in log.Events)
            {
                if (data is not GCAllocationTickTraceData tick)
                {
                    continue;
                }

                var frames = new List<string>();
                for (var frame = data.CallStack(); frame is not null; frame = frame.Caller)
                {
                    frames.Add(frame.CodeAddress.FullMethodName ?? "?");
                }

                if (frames.Exists(f => f.Contains("AllocationStacks.Jitter(", StringComparison.Ordinal)))
                {
                    continue;
                }

                if (frames.Exists(f => f.Contains("InMemoryTableService.Send(", StringComparison.Ordinal)))
                {
                    service += tick.AllocationAmount64;
                    continue;
                }

                stack += tick.AllocationAmount64;
                var own = frames.FindIndex(IsOurs);
                string part, owner;
                if (own < 0)
                {
                    part = "host and client (ASP.NET Core, test server, HttpClient, benchmark)";
                    owner = part;
                }
                else
                {
                    var callee = own > 0 ? Name(frames[own - 1]) : tick.TypeName;
                    part = callee.StartsWith("Azure.", StringComparison.Ordinal) ? "Azure SDK (called by our code)" : "our code (incl. System.Text.Json and BCL calls it makes)";
                    owner = Name(frames[own]) + "  ->  " + callee;
                }

                byPart[part] = byPart.GetValueOrDefault(part) + tick.AllocationAmount64;
                byOwner[owner] = byOwner.GetValueOrDefault(owner) + tick.AllocationAmount64;
            }
        }

        File.Delete(etlx);
        Console.WriteLine($"// sampled: stack {stack / 1024.0 / requests:F1} KB per request, in-memory service {service / 1024.0 / requests:F1} KB (left out); shares of the stack:");
        foreach (var (part, bytes) in byPart.OrderByDescending(p => p.Value))
        {
            Console.WriteLine($"{100.0 * bytes / stack,6:F1} %  {bytes / 1024.0 / requests,7:F1} KB  {part}");
        }

        Console.WriteLine("// by the innermost frame of our code -> what it called:");
        foreach (var (owner, bytes) in byOwner.OrderByDescending(p => p.Value).Take(30))
        {
            Console.WriteLine($"{100.0 * bytes / stack,6:F1} %  {bytes / 1024.0 / requests,7:F1} KB  {owner}");
        }
    }

    private static bool IsOurs(string frame) =>
        frame.StartsWith("ScimFunctions.", StringComparison.Ordinal)
        && !frame.StartsWith("ScimFunctions.Testing", StringComparison.Ordinal)
        && !frame.StartsWith("ScimFunctions.Benchmarks", StringComparison.Ordinal);

    /// <summary>A frame's type and method, without the parameter list.</summary>
    private static string Name(string frame)
    {
        var paren = frame.IndexOf('(', StringComparison.Ordinal);
        return paren < 0 ? frame : frame[..paren];
    }
}
