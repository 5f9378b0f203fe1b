using ScimFunctions.Core;
using ScimFunctions.Storage.Tokens;

namespace ScimFunctions.Cli.Tests.Tokens;

/// <summary>Passes every call to a real store and counts the reads.</summary>
public sealed class CountingTokenStore(ITokenStore inner) : ITokenStore
{
    private int _reads;

    public int Reads => Volatile.Read(ref _reads);

    public Task<TenantTokenSet> GetAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _reads);
        return inner.GetAsync(tenant, cancellationToken);
    }

    public Task SaveAsync(TenantId tenant, TenantTokenSet tokens, CancellationToken cancellationToken = default) =>
        inner.SaveAsync(tenant, tokens, cancellationToken);

    public Task DeleteAsync(TenantId tenant, CancellationToken cancellationToken = default) =>
        inner.DeleteAsync(tenant, cancellationToken);
}
