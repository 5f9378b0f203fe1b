namespace ScimFunctions.LoadTool.Cost;

/// <summary>
/// What the cost model assumes. Token-store reads per request follow from the token cache: one Key Vault read per
/// tenant per cache TTL per instance, spread over the tenant's requests in that TTL; an in-process run also counts them.
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

    /// <summary>Token-store reads per request counted during the run (in-process host only), else null.</summary>
    public double? MeasuredTokenStoreReadsPerOperation { get; init; }

    /// <summary>The modelled production rate: one read per cache TTL at <see cref="TenantRequestsPerSecond"/>.</summary>
    public double ModelledKeyVaultReadsPerOperation => 1 / (TenantRequestsPerSecond * TokenCacheTtlSeconds);

    /// <summary>
    /// What the cost figures use: the higher of the measured and the modelled rate (a short, fast run reads the vault
    /// less often per request than a tenant provisioning at 25 requests/s would).
    /// </summary>
    public double KeyVaultReadsPerOperation => Math.Max(MeasuredTokenStoreReadsPerOperation ?? 0, ModelledKeyVaultReadsPerOperation);
}
