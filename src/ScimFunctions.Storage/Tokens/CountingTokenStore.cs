namespace ScimFunctions.Storage.Tokens;

/// <summary>
/// Instrumentation, not a mock: every call goes to the real token store; reads are counted (tests assert the verifier
/// cache, the load tool measures token-store reads per request for the cost figures).
/// </summary>
public sealed class CountingTokenStore(ITokenStore inner) : ITokenStore
{
    private long _reads;

    public long Reads => Interlocked.Read(ref _reads);

    public Task<TenantTokenSet> GetAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _reads);
        return inner.GetAsync(tenant, cancellationToken);
    }

    public Task SaveAsync(TenantId tenant, TenantTokenSet tokens, CancellationToken cancellationToken = default) => inner.SaveAsync(tenant, tokens, cancellationToken);

    public Task DeleteAsync(TenantId tenant, CancellationToken cancellationToken = default) => inner.DeleteAsync(tenant, cancellationToken);
}
