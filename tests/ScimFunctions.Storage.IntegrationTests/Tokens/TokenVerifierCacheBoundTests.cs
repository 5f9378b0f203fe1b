using ScimFunctions.Core;
using ScimFunctions.Storage.Tokens;
using ScimFunctions.Testing.KeyVault;

namespace ScimFunctions.Storage.IntegrationTests.Tokens;

public sealed class TokenVerifierCacheBoundTests : IDisposable
{
    private readonly VaultHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task Many_tenants_do_not_grow_the_cache_past_its_bound_and_evicted_tenants_are_read_again()
    {
        var counting = new CountingTokenStore(_harness.Store);
        var verifier = new TokenVerifier(counting, new TokenVerifierOptions { MaxCachedTenants = 3 }, new ManualTimeProvider());
        var tenants = Enumerable.Range(0, 10).Select(i => TenantId.Parse($"tenant-{i}")).ToList();

        foreach (var tenant in tenants)
        {
            await verifier.VerifyAsync(tenant, TenantToken.Create(tenant));
        }

        foreach (var tenant in tenants)
        {
            await verifier.VerifyAsync(tenant, TenantToken.Create(tenant));
        }

        Assert.True(counting.Reads > 10, "evicted tenants are read again");
        Assert.True(counting.Reads <= 20);
    }
}
