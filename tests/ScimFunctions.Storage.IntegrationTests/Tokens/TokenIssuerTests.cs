using ScimFunctions.Core;
using ScimFunctions.Core.Errors;
using ScimFunctions.Storage.Tokens;
using ScimFunctions.Testing.KeyVault;

namespace ScimFunctions.Storage.IntegrationTests.Tokens;

public sealed class TokenIssuerTests : IDisposable
{
    private static readonly TenantId Tenant = TenantId.Parse("contoso");
    private readonly VaultHarness _harness = new();
    private readonly ManualTimeProvider _clock = new();
    private readonly TokenIssuer _issuer;

    public TokenIssuerTests() => _issuer = new TokenIssuer(_harness.Store, new TokenIssuerOptions { MaxLiveTokens = 3 }, _clock);

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task Issue_returns_a_token_of_the_tenant_and_stores_only_its_hash()
    {
        var issued = await _issuer.IssueAsync(Tenant);

        Assert.True(TenantToken.TryReadTenant(issued.Token, out var named));
        Assert.Equal(Tenant, named);
        var stored = Assert.Single((await _harness.Store.GetAsync(Tenant)).Tokens);
        Assert.Equal(issued.TokenId, stored.TokenId);
        Assert.Equal(TenantToken.Hash(issued.Token), stored.Sha256);
        Assert.Null(stored.Expires);
    }

    [Fact]
    public async Task A_scoped_token_keeps_its_scope_in_the_vault_through_verification_listing_and_rotation()
    {
        var scim = await _issuer.IssueAsync(Tenant);
        var read = await _issuer.IssueAsync(Tenant, null, TokenScope.Read);
        var verifier = new TokenVerifier(_harness.Store, timeProvider: _clock);

        Assert.Equal(TokenScope.Read, read.Scope);
        Assert.Equal(new TokenVerification(true, read.TokenId, TokenScope.Read), await verifier.VerifyAsync(Tenant, read.Token));
        Assert.Equal(new TokenVerification(true, scim.TokenId, TokenScope.Scim), await verifier.VerifyAsync(Tenant, scim.Token));
        Assert.Equal([TokenScope.Scim, TokenScope.Read], (await _issuer.ListAsync(Tenant)).Select(token => token.Scope));

        var successor = await _issuer.RotateAsync(Tenant, read.TokenId, TimeSpan.Zero);

        Assert.Equal(TokenScope.Read, successor.Scope);
        Assert.Equal(TokenScope.Read, (await _issuer.ListAsync(Tenant)).Single(token => token.TokenId == successor.TokenId).Scope);
    }

    [Fact]
    public async Task Issued_token_does_not_print_its_plaintext()
    {
        var issued = await _issuer.IssueAsync(Tenant);

        Assert.DoesNotContain(issued.Token, issued.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_shows_ids_and_dates_never_hashes()
    {
        var first = await _issuer.IssueAsync(Tenant);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var second = await _issuer.IssueAsync(Tenant, lifetime: TimeSpan.FromDays(7));

        var listed = await _issuer.ListAsync(Tenant);

        Assert.Equal(
            [new TokenInfo(first.TokenId, first.Created, null, true), new TokenInfo(second.TokenId, second.Created, second.Created.AddDays(7), true)],
            listed);
    }

    [Fact]
    public async Task Rotate_issues_a_new_token_and_gives_the_old_one_the_overlap_as_expiry()
    {
        var old = await _issuer.IssueAsync(Tenant);

        var rotated = await _issuer.RotateAsync(Tenant, old.TokenId, overlap: TimeSpan.FromHours(24));

        var listed = await _issuer.ListAsync(Tenant);
        Assert.Equal(_clock.GetUtcNow().AddHours(24), listed.Single(t => t.TokenId == old.TokenId).Expires);
        Assert.Null(listed.Single(t => t.TokenId == rotated.TokenId).Expires);
    }

    [Fact]
    public async Task Rotate_without_a_token_id_ends_every_live_token_after_the_default_overlap()
    {
        await _issuer.IssueAsync(Tenant);
        await _issuer.IssueAsync(Tenant);

        var rotated = await _issuer.RotateAsync(Tenant);

        var listed = await _issuer.ListAsync(Tenant);
        Assert.All(listed.Where(t => t.TokenId != rotated.TokenId), t => Assert.Equal(_clock.GetUtcNow() + TokenIssuerOptions.Default.RotationOverlap, t.Expires));
    }

    [Fact]
    public async Task Rotate_never_extends_an_earlier_expiry()
    {
        var shortLived = await _issuer.IssueAsync(Tenant, lifetime: TimeSpan.FromMinutes(5));

        await _issuer.RotateAsync(Tenant, shortLived.TokenId, overlap: TimeSpan.FromHours(24));

        var listed = await _issuer.ListAsync(Tenant);
        Assert.Equal(shortLived.Expires, listed.Single(t => t.TokenId == shortLived.TokenId).Expires);
    }

    [Fact]
    public async Task Revoke_removes_the_token_now()
    {
        var kept = await _issuer.IssueAsync(Tenant);
        var revoked = await _issuer.IssueAsync(Tenant);

        await _issuer.RevokeAsync(Tenant, revoked.TokenId);

        Assert.Equal([kept.TokenId], (await _issuer.ListAsync(Tenant)).Select(t => t.TokenId));
    }

    [Fact]
    public async Task Revoke_or_rotate_of_an_unknown_token_id_is_404_and_changes_nothing()
    {
        await _issuer.IssueAsync(Tenant);
        var writesBefore = _harness.Vault.Requests.Count(r => r.Method == "PUT");

        var revoke = await Assert.ThrowsAsync<ScimException>(() => _issuer.RevokeAsync(Tenant, "tok-nope"));
        var rotate = await Assert.ThrowsAsync<ScimException>(() => _issuer.RotateAsync(Tenant, "tok-nope"));

        Assert.Equal((404, 404), (revoke.Status, rotate.Status));
        Assert.Equal(writesBefore, _harness.Vault.Requests.Count(r => r.Method == "PUT"));
    }

    [Fact]
    public async Task Issuing_past_the_live_token_limit_is_409_and_changes_nothing()
    {
        for (var i = 0; i < 3; i++)
        {
            await _issuer.IssueAsync(Tenant);
        }

        var failure = await Assert.ThrowsAsync<ScimException>(() => _issuer.IssueAsync(Tenant));

        Assert.Equal(409, failure.Status);
        Assert.Equal(3, (await _issuer.ListAsync(Tenant)).Count);
    }

    [Fact]
    public async Task Expired_tokens_do_not_count_against_the_limit_and_are_pruned_on_the_next_write()
    {
        for (var i = 0; i < 3; i++)
        {
            await _issuer.IssueAsync(Tenant, lifetime: TimeSpan.FromMinutes(1));
        }

        _clock.Advance(TimeSpan.FromMinutes(1));
        var fresh = await _issuer.IssueAsync(Tenant);

        Assert.Equal([fresh.TokenId], (await _issuer.ListAsync(Tenant)).Select(t => t.TokenId));
    }

    [Fact]
    public async Task Revoke_all_removes_the_tenants_secret()
    {
        await _issuer.IssueAsync(Tenant);

        await _issuer.RevokeAllAsync(Tenant);

        Assert.Empty(await _issuer.ListAsync(Tenant));
    }

    [Fact]
    public void A_limit_below_two_live_tokens_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new TokenIssuer(_harness.Store, new TokenIssuerOptions { MaxLiveTokens = 1 }));
    }
}
