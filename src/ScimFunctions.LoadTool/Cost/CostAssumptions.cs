namespace ScimFunctions.LoadTool.Cost;

/// <summary>
/// What the cost model cannot measure on a workstation. Token-store reads per request follow from the token cache:
/// one Key Vault read per tenant per cache TTL per instance, spread over the tenant's requests in that TTL.
/// Execution time is billed as instance memory while an execution is active; <see cref="ConcurrentExecutionsPerInstance"/>
/// of 1 assumes no overlap (an upper bound: concurrent executions on one instance share the billed memory).
/// </summary>
internal sealed record CostAssumptions
{
    public static CostAssumptions Default { get; } = new();

    /// <summary>Flex Consumption instance memory (the 2,048 MB default size).</summary>
    public double InstanceMemoryGb { get; init; } = 2.048;

    public double ConcurrentExecutionsPerInstance { get; init; } = 1;

    /// <summary>TokenVerifierOptions.CacheTtl default.</summary>
    public double TokenCacheTtlSeconds { get; init; } = 60;

    /// <summary>A tenant's request rate while provisioning (Entra's minimum for gallery apps: 25/s).</summary>
    public double TenantRequestsPerSecond { get; init; } = 25;

    public double KeyVaultReadsPerOperation => 1 / (TenantRequestsPerSecond * TokenCacheTtlSeconds);
}
