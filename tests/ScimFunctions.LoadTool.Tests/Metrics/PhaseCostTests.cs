using System.Net;
using ScimFunctions.LoadTool.Client;
using ScimFunctions.LoadTool.Metrics;
using ScimFunctions.LoadTool.Running;
using ScimFunctions.LoadTool.Tests.Running;

namespace ScimFunctions.LoadTool.Tests.Metrics;

/// <summary>The instrument's arithmetic: a phase's process delta per request, the generator taken out, the raw ratio.</summary>
public class PhaseCostTests
{
    [Fact]
    public void A_phase_delta_is_spread_evenly_over_its_requests()
    {
        var cost = PerRequestCost.Of(new ProcessSample(TimeSpan.FromMilliseconds(30), 10_000), requests: 10);

        Assert.Equal(3, cost.CpuMs, 9);
        Assert.Equal(1_000, cost.AllocatedBytes, 9);
        Assert.Equal(PerRequestCost.Zero, PerRequestCost.Of(new ProcessSample(TimeSpan.FromSeconds(1), 1), requests: 0));
    }

    [Fact]
    public void A_mixed_phase_weighs_each_operation_by_its_requests()
    {
        var counts = new Dictionary<string, long> { ["a"] = 3, ["b"] = 1 };
        var costs = new Dictionary<string, PerRequestCost> { ["a"] = new(1, 100), ["b"] = new(5, 500) };

        var weighted = PerRequestCost.Weighted(counts, op => costs.TryGetValue(op, out var c) ? c : null);

        Assert.Equal(new PerRequestCost(2, 200), weighted);
        Assert.Null(PerRequestCost.Weighted(new Dictionary<string, long> { ["a"] = 1, ["unknown"] = 1 }, op => costs.TryGetValue(op, out var c) ? c : null));
    }

    [Fact]
    public void The_host_is_the_process_less_the_generator_and_its_ratio_is_over_the_raw_cpu()
    {
        var tally = new Dictionary<string, OperationTally> { ["GET"] = new(Count: 100, StorageRequests: 150, StorageSamples: 100) };
        var phase = PhaseCost.Of("GET", new ProcessSample(TimeSpan.FromMilliseconds(300), 5_000_000), tally)
            .WithFloors(new Dictionary<string, PerRequestCost> { ["GET"] = new(0.5, 10_000) }, _ => new PerRequestCost(1.25, 20_000));

        Assert.Equal(100, phase.RequestCount);
        Assert.Equal(1.5, phase.StorageRequestsPerRequest);
        Assert.Equal(3, phase.Process.CpuMs, 9);
        Assert.Equal(2.5, phase.Host.CpuMs, 9);
        Assert.Equal(40_000, phase.Host.AllocatedBytes, 9);
        Assert.Equal(2, phase.CpuRatio!.Value, 9);
    }

    [Fact]
    public void A_generator_dearer_than_the_process_leaves_the_host_at_zero_not_negative()
    {
        var phase = PhaseCost.Of("GET", new ProcessSample(TimeSpan.FromMilliseconds(1), 100), new Dictionary<string, OperationTally> { ["GET"] = new(1, 0, 0) })
            .WithFloors(new Dictionary<string, PerRequestCost> { ["GET"] = new(5, 1_000) }, _ => null);

        Assert.Equal(PerRequestCost.Zero, phase.Host);
        Assert.Null(phase.CpuRatio);
        Assert.Null(phase.StorageRequestsPerRequest);
    }

    [Fact]
    public void A_tally_since_counts_only_what_was_recorded_after_it()
    {
        var metrics = new MetricsCollector();
        metrics.Record("a", TimeSpan.FromMilliseconds(1), 200, storageRequests: 2);
        var before = metrics.Tally();
        metrics.Record("a", TimeSpan.FromMilliseconds(1), 200, storageRequests: 3);
        metrics.Record("b", TimeSpan.FromMilliseconds(1), 200);

        var since = metrics.TallySince(before);

        Assert.Equal(new OperationTally(1, 3, 1), since["a"]);
        Assert.Equal(new OperationTally(1, 0, 0), since["b"]);
    }

    [Fact]
    public async Task The_runner_reports_each_measured_phase_with_its_own_requests()
    {
        var transport = new ScriptedTransport((_, _) => ScriptedTransport.Json(HttpStatusCode.OK, """{"id":"1"}""", storageRequests: 1));
        var client = new ScimClient(new HttpClient(transport), new Uri("http://scim.test/scim/v2/demo"), "scim_demo_secret");
        var runner = new LoadRunner(client, concurrency: 2, RetryPolicy.Default);

        var result = await runner.RunAsync(
        [
            Phase.Counted("seed", 4, (_, ct) => client.GetAsync("seed", "Users", ct), measured: false),
            Phase.Counted("one", 3, (_, ct) => client.GetAsync("GET one", "Users/1", ct)),
            Phase.Counted("two", 5, (_, ct) => client.GetAsync("GET two", "Users/2", ct)),
        ]);

        Assert.Equal(["one", "two"], result.Phases.Select(p => p.Phase));
        Assert.Equal(new Dictionary<string, long> { ["GET one"] = 3 }, result.Phases[0].Requests);
        Assert.Equal(new Dictionary<string, long> { ["GET two"] = 5 }, result.Phases[1].Requests);
        Assert.All(result.Phases, p => Assert.True(p.Process.CpuMs >= 0 && p.Process.AllocatedBytes > 0));
        Assert.Equal(["GET one", "GET two", "seed"], client.Samples.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_generator_calibration_replays_each_sample_and_reports_its_cost_per_request()
    {
        var sample = new RequestSample(HttpMethod.Post, "Users", """{"userName":"a"}""", 201, """{"id":"1"}""", 1);

        var costs = await GeneratorCalibration.RunAsync(new Dictionary<string, RequestSample> { ["POST"] = sample }, new Dictionary<string, long> { ["POST"] = 10 }, concurrency: 2);

        var cost = Assert.Single(costs);
        Assert.Equal("POST", cost.Key);
        Assert.True(cost.Value.AllocatedBytes > 0);
    }
}
