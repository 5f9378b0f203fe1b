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

    private static OperationStats Operation(double? storageRequests, double meanMs) => new()
    {
        Operation = "op",
        Count = 10,
        ThroughputPerSecond = 1,
        MeanMs = meanMs,
        P50Ms = meanMs,
        P95Ms = meanMs,
        P99Ms = meanMs,
        MaxMs = meanMs,
        Statuses = new Dictionary<int, long> { [200] = 10 },
        StorageRequestsPerOperation = storageRequests,
    };
}
