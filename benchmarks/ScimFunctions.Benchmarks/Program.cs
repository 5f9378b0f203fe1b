using BenchmarkDotNet.Running;

namespace ScimFunctions.Benchmarks;

/// <summary>
/// Runs the benchmarks of this assembly, e.g.
/// <c>dotnet run -c Release --project benchmarks/ScimFunctions.Benchmarks -- --filter '*Core*' --job short</c>.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args is ["alloc-profile", var benchmark, var requests])
        {
            Http.AllocationProfile.RunAsync(benchmark, int.Parse(requests, System.Globalization.CultureInfo.InvariantCulture)).GetAwaiter().GetResult();
            return;
        }

        if (args is ["cpu-profile", var measured, var perBenchmark])
        {
            Http.CpuProfile.RunAsync(measured, int.Parse(perBenchmark, System.Globalization.CultureInfo.InvariantCulture)).GetAwaiter().GetResult();
            return;
        }

        if (args is ["alloc-stacks", var profiled, var count])
        {
            Http.AllocationStacks.RunAsync(profiled, int.Parse(count, System.Globalization.CultureInfo.InvariantCulture)).GetAwaiter().GetResult();
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
