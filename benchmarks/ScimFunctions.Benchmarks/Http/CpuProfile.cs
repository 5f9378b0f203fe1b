using System.Diagnostics;
using System.Globalization;

namespace ScimFunctions.Benchmarks.Http;

/// <summary>
/// Process CPU per request of <see cref="HttpPipelineBenchmarks"/> benchmarks once tiered compilation has settled:
/// one process, one setup, and ten rounds in which each benchmark runs its share of requests in turn (one after
/// another), so every benchmark is measured under the same warm-up and the same machine load, side by side. The output
/// shows how the cost falls as the JIT settles and what it settles at (the mean of the last three rounds), and ends with
/// a table of each stack benchmark beside its raw Azure.Data.Tables baseline (GetUser ÷ RawSdkGetUser, …).
/// Run: <c>DOTNET_TC_CallCountingDelayMs=0 dotnet run -c Release --project benchmarks/ScimFunctions.Benchmarks -- cpu-profile pairs 40000</c>
/// (requests per benchmark; the delay setting only makes the JIT reach its settled code in fewer requests).
/// </summary>
internal static class CpuProfile
{
    private const int Rounds = 10;
    private const int SettledRounds = 3;

    /// <summary>Each stack benchmark and the raw baseline that does its storage work.</summary>
    private static readonly (string Stack, string Raw)[] Pairs =
    [
        (nameof(HttpPipelineBenchmarks.GetUser), nameof(HttpPipelineBenchmarks.RawSdkGetUser)),
        (nameof(HttpPipelineBenchmarks.FilterUserNameEq), nameof(HttpPipelineBenchmarks.RawSdkFilterUserNameEq)),
        (nameof(HttpPipelineBenchmarks.PostUser), nameof(HttpPipelineBenchmarks.RawSdkPostUser)),
        (nameof(HttpPipelineBenchmarks.PatchUser), nameof(HttpPipelineBenchmarks.RawSdkPatchUser)),
    ];

    public static async Task RunAsync(string benchmarks, int requests)
    {
        var names = benchmarks == "pairs"
            ? [nameof(HttpPipelineBenchmarks.Health), .. Pairs.SelectMany(p => new[] { p.Stack, p.Raw })]
            : benchmarks.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var (bench, calls) = await HttpPipelineBenchmarks.StartAsync(names, warmUp: 0);
        var count = Math.Max(1, requests / Rounds);
        var perRound = new double[names.Length, Rounds];
        using var process = Process.GetCurrentProcess();
        for (var round = 0; round < Rounds; round++)
        {
            for (var b = 0; b < names.Length; b++)
            {
                process.Refresh();
                var cpu = process.TotalProcessorTime;
                var wall = Stopwatch.StartNew();
                for (var i = 0; i < count; i++)
                {
                    await calls[b]();
                }

                process.Refresh();
                perRound[b, round] = (process.TotalProcessorTime - cpu).TotalMicroseconds / count;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{names[b]} round {round}: requests {round * count + 1}–{(round + 1) * count}, {wall.Elapsed.TotalMicroseconds / count:F1} µs wall and {perRound[b, round]:F1} µs process CPU per request"));
            }
        }

        var settled = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var b = 0; b < names.Length; b++)
        {
            settled[names[b]] = Enumerable.Range(Rounds - SettledRounds, SettledRounds).Average(r => perRound[b, r]);
        }

        Console.WriteLine();
        // The HTTP floor (client, test server, routing, the pipeline's entry) is in every stack figure and in no raw one.
        var floor = settled.GetValueOrDefault(nameof(HttpPipelineBenchmarks.Health), double.NaN);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"HTTP floor (GET /health): {floor:F1} µs CPU per request"));
        Console.WriteLine("| Benchmark | Settled CPU µs/request | Raw SDK CPU µs/request | Stack ÷ raw | Stack − HTTP floor | (Stack − floor) ÷ raw |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (stack, raw) in Pairs.Where(p => settled.ContainsKey(p.Stack) && settled.ContainsKey(p.Raw)))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {stack} | {settled[stack]:F1} | {settled[raw]:F1} | {settled[stack] / settled[raw]:F2} | {settled[stack] - floor:F1} | {(settled[stack] - floor) / settled[raw]:F2} |"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{requests} requests per benchmark in {Rounds} rounds; settled = mean of the last {SettledRounds}; load average {File.ReadAllText("/proc/loadavg").Trim()}; DOTNET_TC_CallCountingDelayMs={Environment.GetEnvironmentVariable("DOTNET_TC_CallCountingDelayMs") ?? "default"}"));
        await bench.CleanupAsync();
    }
}
