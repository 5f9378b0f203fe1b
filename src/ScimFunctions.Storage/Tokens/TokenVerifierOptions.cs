namespace ScimFunctions.Storage.Tokens;

/// <summary>How long a process trusts what it read from the token store.</summary>
public sealed record TokenVerifierOptions
{
    public static TokenVerifierOptions Default { get; } = new();

    /// <summary>
    /// How long a tenant's token hashes are cached after they were read. A revoked token keeps working in a process
    /// that already cached it for at most this long (60 s by default). A new token does not wait for it: see
    /// <see cref="MissRefreshInterval"/>.
    /// </summary>
    public TimeSpan CacheTtl { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long "this tenant has no live tokens" (unknown tenant, all revoked) is cached, so a flood of requests
    /// for such a tenant costs one store read per period. Kept shorter than <see cref="CacheTtl"/> so a token issued
    /// for a new tenant is accepted soon.
    /// </summary>
    public TimeSpan NegativeCacheTtl { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// A presented token that matches none of the cached hashes makes the verifier read the tenant's set again, at
    /// most once per this interval per tenant (3 s by default): a token issued or rotated elsewhere works on its
    /// first use unless the set was read less than this long before, then within this long; a flood of wrong
    /// tokens costs at most one read per interval and tenant.
    /// </summary>
    public TimeSpan MissRefreshInterval { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Most miss-triggered reads per second in this process, all tenants together (20 by default): wrong tokens
    /// sprayed over many tenants cannot drive the token store (Key Vault's per-vault limit) into throttling. Beyond
    /// it a miss stands until the next second; TTL expiries and first reads are not limited.
    /// </summary>
    public int MaxMissRefreshesPerSecond { get; init; } = 20;

    /// <summary>Most tenants cached at once; beyond it the least recently used is evicted.</summary>
    public int MaxCachedTenants { get; init; } = 10_000;
}
