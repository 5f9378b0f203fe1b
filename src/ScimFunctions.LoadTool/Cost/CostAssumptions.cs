namespace ScimFunctions.LoadTool.Cost;

/// <summary>
/// What the cost model assumes. Token-store reads per request follow from the token cache: one Key Vault read per
/// tenant per cache TTL per instance, spread over the tenant's requests in that TTL; an in-process run also counts them.
/// Execution time is billed as instance memory while an execution is active: a busy instance running
/// <see cref="ConcurrentExecutionsPerInstance"/> requests at once spends max(latency ÷ concurrency, CPU ÷ vCPU share)
/// instance-seconds per request; a sparse request (nothing else running) at least <see cref="MinimumBillableSeconds"/>.
/// New instances add their cold-start CPU, spread over the requests an instance serves; telemetry adds its ingested bytes.
/// Figures not read from a price page are assumptions, stated here and in docs/performance.md.
/// </summary>
internal sealed record CostAssumptions
{
    public static CostAssumptions Default { get; } = new();

    /// <summary>Flex Consumption instance memory (the 2,048 MB default size).</summary>
    public double InstanceMemoryGb { get; init; } = 2.048;

    public double ConcurrentExecutionsPerInstance { get; init; } = 1;

    /// <summary>
    /// The instance's vCPU share; null: by memory size (Flex Consumption: 512 MB ≈ 0.25 vCPU, 2,048 MB ≈ 1, 4,096 MB ≈ 2;
    /// assumed, see <see cref="VcpuFor"/>).
    /// </summary>
    public double? Vcpus { get; init; }

    /// <summary>Latency of one Table Storage request from the instance (same region), added per storage request when the
    /// latency is modelled from CPU rather than measured.</summary>
    public double StorageLatencyMs { get; init; } = 6;

    /// <summary>Flex Consumption's minimum billable execution period, which a sparse request (alone on its instance) pays.</summary>
    public double MinimumBillableSeconds { get; init; } = 1;

    /// <summary>CPU seconds a new instance spends warming up (JIT, tiering) beyond the warm cost of its first requests.</summary>
    public double ColdStartCpuSeconds { get; init; }

    /// <summary>
    /// The measured cold start of the ReadyToRun publish (eng/cold-start.sh 2000 20, docs/performance.md "Cold start"):
    /// 0.54 CPU-s to the first answer and ≈ 4.9 CPU-s above the settled cost over the ≈ 36,000 requests the JIT takes to
    /// settle.
    /// </summary>
    public const double MeasuredColdStartCpuSeconds = 5.4;

    /// <summary>Requests an instance serves between its start and its scale-in, over which its cold start is spread.</summary>
    public double RequestsPerInstanceStart { get; init; } = 100_000;

    /// <summary>Telemetry bytes ingested per request (Application Insights / Log Analytics).</summary>
    public double TelemetryBytesPerRequest { get; init; }

    public double VcpuShare => Vcpus ?? VcpuFor(InstanceMemoryGb);

    /// <summary>The vCPU share assumed for a Flex Consumption instance of <paramref name="memoryGb"/>.</summary>
    public static double VcpuFor(double memoryGb) => memoryGb switch
    {
        <= 0.512 => 0.25,
        <= 2.048 => 1,
        _ => 2,
    };

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
