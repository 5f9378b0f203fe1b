using Azure.Data.Tables;
using ScimFunctions.Core;
using ScimFunctions.Storage.Tokens;
using ScimFunctions.Testing;

namespace ScimFunctions.Storage.IntegrationTests.Tokens;

/// <summary>A cached token set serves only the tenant incarnation it was read for.</summary>
public sealed class TokenIncarnationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_token_of_a_deleted_incarnation_still_cached_is_refused_once_the_new_incarnation_is_presented()
    {
        var tenant = TenantId.Parse(TestNames.TenantId());
        var tokens = TableTokenStore.Create(new TableServiceClient(azurite.ConnectionString), TestNames.TableName("tok"));
        var store = new CountingTokenStore(tokens); // what the verifier reads
        var issuer = new TokenIssuer(tokens);
        var verifier = new TokenVerifier(store, new TokenVerifierOptions { CacheTtl = TimeSpan.FromHours(1) });
        var old = await issuer.IssueAsync(tenant);
        Assert.True((await verifier.VerifyAsync(tenant, "aaaa", old.Token)).IsValid);
        var reads = store.Reads;

        // Another process deletes the tenant (its tokens go) and creates it again with a new token.
        await issuer.RevokeAllAsync(tenant);
        var fresh = await issuer.IssueAsync(tenant);

        Assert.True((await verifier.VerifyAsync(tenant, "aaaa", old.Token)).IsValid); // the old incarnation's cache, within its TTL
        Assert.Equal(reads, store.Reads);
        Assert.False((await verifier.VerifyAsync(tenant, "bbbb", old.Token)).IsValid);
        Assert.True((await verifier.VerifyAsync(tenant, "bbbb", fresh.Token)).IsValid);
        Assert.Equal(reads + 1, store.Reads);
    }
}
