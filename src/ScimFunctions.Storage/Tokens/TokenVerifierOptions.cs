namespace ScimFunctions.Storage.Tokens;

/// <summary>How long a process trusts what it read from the token store.</summary>
public sealed record TokenVerifierOptions
{
    public static TokenVerifierOptions Default { get; } = new();

    /// <summary>
    /// How long a tenant's token hashes are cached after they were read. A revoked token keeps working in a process
    /// that already cached it for at most this long (60 s by default); a new token works at once where the tenant
    /// had live tokens cached only after the same delay, unless <see cref="TokenVerifier.Invalidate"/> is called.
    /// </summary>
    public TimeSpan CacheTtl { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long "this tenant has no live tokens" (unknown tenant, all revoked) is cached, so a flood of requests
    /// for such a tenant costs one store read per period. Kept shorter than <see cref="CacheTtl"/> so a token issued
    /// for a new tenant is accepted soon.
    /// </summary>
    public TimeSpan NegativeCacheTtl { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Most tenants cached at once; beyond it expired entries are swept, then arbitrary ones evicted.</summary>
    public int MaxCachedTenants { get; init; } = 10_000;
}
