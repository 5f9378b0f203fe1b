using ScimFunctions.LoadTool.Cost;
using ScimFunctions.LoadTool.Metrics;

namespace ScimFunctions.LoadTool.Tests.Cost;

public class CostModelTests
{
    private static readonly PriceSheet _prices = new()
    {
        TableTransactionsPer10K = 0.0004m,
        KeyVaultOperationsPer10K = 0.03m,
        FlexOnDemandPerGbSecond = 0.00002m,
        FlexExecutionsPerMillion = 0.40m,
    };

    private static readonly CostAssumptions _assumptions = new() { InstanceMemoryGb = 2, TenantRequestsPerSecond = 25, TokenCacheTtlSeconds = 60 };

    [Fact]
    public void Each_component_is_priced_per_million_operations()
    {
        var cost = CostModel.Estimate(Operation(storageRequests: 5, meanMs: 20), _prices, _assumptions);

        // 5 storage requests x 100 batches of 10,000 x $0.0004
        Assert.Equal(0.2m, cost.StoragePerMillion);
        // 0.02 s x 2 GB x 1,000,000 x $0.00002
        Assert.Equal(0.8m, decimal.Round(cost.ExecutionTimePerMillion, 6));
        Assert.Equal(0.40m, cost.ExecutionsPerMillion);
        // one vault read per 25 req/s x 60 s = 1,500 requests: 666.67 reads per million x $0.03 / 10,000
        Assert.Equal(0.002m, decimal.Round(cost.KeyVaultPerMillion, 6));
        Assert.Equal(cost.StoragePerMillion + cost.KeyVaultPerMillion + cost.ExecutionTimePerMillion + cost.ExecutionsPerMillion, cost.TotalPerMillion);
    }

    [Fact]
    public void Twice_the_storage_requests_cost_twice_the_storage()
    {
        var one = CostModel.Estimate(Operation(storageRequests: 3, meanMs: 10), _prices, _assumptions);
        var two = CostModel.Estimate(Operation(storageRequests: 6, meanMs: 10), _prices, _assumptions);

        Assert.Equal(2 * one.StoragePerMillion, two.StoragePerMillion);
        Assert.Equal(one.ExecutionTimePerMillion, two.ExecutionTimePerMillion);
    }

    [Fact]
    public void Concurrent_executions_on_one_instance_share_the_billed_memory()
    {
        var alone = CostModel.Estimate(Operation(1, 40), _prices, _assumptions);
        var shared = CostModel.Estimate(Operation(1, 40), _prices, _assumptions with { ConcurrentExecutionsPerInstance = 4 });

        Assert.Equal(alone.ExecutionTimePerMillion / 4, shared.ExecutionTimePerMillion, 10);
    }

    [Fact]
    public void Operations_without_a_storage_figure_are_left_out()
    {
        var costs = CostModel.Estimate([Operation(2, 5), Operation(null, 5) with { Operation = "unknown" }], _prices, _assumptions);

        Assert.Equal(["op"], costs.Select(c => c.Operation));
    }

    private static OperationStats Operation(double? storageRequests, double meanMs) =>
        new("op", 10, 1, meanMs, meanMs, meanMs, meanMs, meanMs, new Dictionary<int, long> { [200] = 10 }) { StorageRequestsPerOperation = storageRequests };
}

/// <summary>The instance-time model: a busy instance, a sparse request, cold start and telemetry.</summary>
public class InstanceCostModelTests
{
    private static readonly PriceSheet _prices = new() { FlexOnDemandPerGbSecond = 0.00002m, TelemetryPerGbIngested = 2.30m };

    [Fact]
    public void A_busy_instance_spends_the_larger_of_latency_over_concurrency_and_cpu_over_its_vcpu_share()
    {
        var request = new RequestProfile("op", StorageRequests: 1, LatencyMs: 10, CpuMs: 4);
        var oneVcpu = new CostAssumptions { InstanceMemoryGb = 2.048 };

        Assert.Equal(0.010, CostModel.InstanceSecondsPerRequest(request, oneVcpu with { ConcurrentExecutionsPerInstance = 1 }), 9);
        Assert.Equal(0.004, CostModel.InstanceSecondsPerRequest(request, oneVcpu with { ConcurrentExecutionsPerInstance = 16 }), 9);
        // 512 MB: a quarter vCPU, so the same CPU takes four times the instance time.
        Assert.Equal(0.016, CostModel.InstanceSecondsPerRequest(request, new CostAssumptions { InstanceMemoryGb = 0.512, ConcurrentExecutionsPerInstance = 16 }), 9);
    }

    [Fact]
    public void A_sparse_request_pays_the_minimum_billable_period_and_a_cold_start_is_spread_over_an_instance_s_requests()
    {
        var request = new RequestProfile("op", 1, LatencyMs: 10, CpuMs: 4);
        var assumptions = new CostAssumptions { InstanceMemoryGb = 2.048, MinimumBillableSeconds = 1 };

        Assert.Equal(1, CostModel.InstanceSecondsPerRequest(request with { Sparse = true }, assumptions), 9);
        var cold = assumptions with { ConcurrentExecutionsPerInstance = 16, ColdStartCpuSeconds = 12, RequestsPerInstanceStart = 100_000 };
        Assert.Equal(0.004 + 0.00012, CostModel.InstanceSecondsPerRequest(request, cold), 9);
    }

    [Fact]
    public void Telemetry_is_priced_by_the_bytes_ingested()
    {
        var cost = CostModel.Estimate(new RequestProfile("op", 0, 1, 1), _prices, new CostAssumptions { TelemetryBytesPerRequest = 1_000 });

        // 1,000 B x 1,000,000 = 1 GB at $2.30
        Assert.Equal(2.30m, cost.TelemetryPerMillion);
        Assert.Equal(cost.StoragePerMillion + cost.KeyVaultPerMillion + cost.ExecutionTimePerMillion + cost.ExecutionsPerMillion + cost.TelemetryPerMillion, cost.TotalPerMillion);
    }

    [Fact]
    public void The_grid_has_each_size_at_each_concurrency_then_sparse()
    {
        var grid = CostModel.Grid("mix", cpuMs: 2, storageRequests: 1.5, _prices, new CostAssumptions { StorageLatencyMs = 6 });

        Assert.Equal(8, grid.Count);
        Assert.Equal([1.0, 16, 64, 1], grid.Where(g => g.InstanceMemoryGb == 2.048).Select(g => g.Concurrency));
        Assert.True(grid.Single(g => g.InstanceMemoryGb == 2.048 && g.Sparse).Cost.TotalPerMillion > grid.Single(g => g.InstanceMemoryGb == 2.048 && g.Concurrency == 16).Cost.TotalPerMillion);
        // At 2 GB and concurrency 1 the latency bounds: 2 ms CPU + 1.5 x 6 ms storage = 11 ms.
        Assert.Equal(0.011, grid[4].Cost.InstanceSecondsPerRequest, 9);
    }
}
