using ScimFunctions.LoadTool.Metrics;

namespace ScimFunctions.LoadTool.Cost;

/// <summary>
/// Cost per million requests from measured figures: storage requests per request (server-reported), Key Vault reads
/// per request (from the token cache, see <see cref="CostAssumptions"/>), and the mean request duration as billed
/// execution time. Operations without a storage-request figure are left out.
/// </summary>
internal static class CostModel
{
    private const decimal Million = 1_000_000m;

    public static IReadOnlyList<OperationCost> Estimate(IEnumerable<OperationStats> operations, PriceSheet prices, CostAssumptions assumptions) =>
        [.. operations.Where(o => o.StorageRequestsPerOperation is not null && o.Count > 0).Select(o => Estimate(o, prices, assumptions))];

    public static OperationCost Estimate(OperationStats operation, PriceSheet prices, CostAssumptions assumptions)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(prices);
        ArgumentNullException.ThrowIfNull(assumptions);
        var storageRequests = operation.StorageRequestsPerOperation ?? 0;
        var keyVaultReads = assumptions.KeyVaultReadsPerOperation;
        var seconds = operation.MeanMs / 1000;
        var gbSeconds = seconds * assumptions.InstanceMemoryGb / assumptions.ConcurrentExecutionsPerInstance;
        return new OperationCost
        {
            Operation = operation.Operation,
            StorageRequestsPerOperation = storageRequests,
            KeyVaultReadsPerOperation = keyVaultReads,
            ExecutionSeconds = seconds,
            StoragePerMillion = (decimal)storageRequests * Million / 10_000m * prices.TableTransactionsPer10K,
            KeyVaultPerMillion = (decimal)keyVaultReads * Million / 10_000m * prices.KeyVaultOperationsPer10K,
            ExecutionTimePerMillion = (decimal)gbSeconds * Million * prices.FlexOnDemandPerGbSecond,
            ExecutionsPerMillion = prices.FlexExecutionsPerMillion,
        };
    }
}
