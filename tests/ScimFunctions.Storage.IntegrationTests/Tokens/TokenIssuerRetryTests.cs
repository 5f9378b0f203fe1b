using ScimFunctions.Core;
using ScimFunctions.Core.Errors;
using ScimFunctions.Storage.Abstractions;
using ScimFunctions.Storage.Tokens;
using ScimFunctions.Testing.KeyVault;

namespace ScimFunctions.Storage.IntegrationTests.Tokens;

/// <summary>
/// When another writer changes the tenant's tokens between the issuer's read and its save, the issuer reads again and
/// re-applies its change to the fresh set, so both changes survive.
/// </summary>
public sealed class TokenIssuerRetryTests : IDisposable
{
    private const string SecretName = "scim-tenant-contoso";
    private static readonly TenantId Tenant = TenantId.Parse("contoso");
    private readonly VaultHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private static string OtherWritersSet(params string[] tokenIds) =>
        TokenSetJson.Serialize(new TenantTokenSet(tokenIds.Select(id => new TokenRecord(id, TenantToken.Hash(id), DateTimeOffset.UtcNow, null)).ToList()));

    private string[] StoredIds() => TokenSetJson.Deserialize(_harness.Vault.CurrentValue(SecretName)!).Tokens.Select(t => t.TokenId).Order().ToArray();

    [Fact]
    public async Task An_issue_overtaken_between_its_read_and_its_save_is_reapplied_on_the_fresh_set()
    {
        var issuer = new TokenIssuer(_harness.Store);
        _harness.Vault.WriteAfterNextRead(SecretName, OtherWritersSet("tok-other"));

        var issued = await issuer.IssueAsync(Tenant);

        Assert.Equal(new[] { issued.TokenId, "tok-other" }.Order(), StoredIds());
    }

    [Fact]
    public async Task A_revoke_overtaken_by_another_issue_removes_its_token_and_keeps_the_new_one()
    {
        var issuer = new TokenIssuer(_harness.Store);
        var first = await issuer.IssueAsync(Tenant);
        var second = await issuer.IssueAsync(Tenant);
        _harness.Vault.WriteAfterNextRead(SecretName, OtherWritersSet(first.TokenId, second.TokenId, "tok-other"));

        await issuer.RevokeAsync(Tenant, first.TokenId);

        Assert.Equal(new[] { second.TokenId, "tok-other" }.Order(), StoredIds());
    }

    [Fact]
    public async Task A_rotate_whose_token_was_revoked_meanwhile_is_a_404_and_writes_nothing()
    {
        var issuer = new TokenIssuer(_harness.Store);
        var first = await issuer.IssueAsync(Tenant);
        _harness.Vault.WriteAfterNextRead(SecretName, OtherWritersSet("tok-other"));

        var error = await Assert.ThrowsAsync<ScimException>(() => issuer.RotateAsync(Tenant, first.TokenId));

        Assert.Equal(404, error.Status);
        Assert.Equal(["tok-other"], StoredIds());
    }

    [Fact]
    public async Task When_the_save_attempts_are_used_up_the_change_is_a_409_and_the_other_writers_set_stays()
    {
        var issuer = new TokenIssuer(_harness.Store, new TokenIssuerOptions { MaxSaveAttempts = 1 });
        _harness.Vault.WriteAfterNextRead(SecretName, OtherWritersSet("tok-other"));

        var error = await Assert.ThrowsAsync<ScimException>(() => issuer.IssueAsync(Tenant));

        Assert.Equal(409, error.Status);
        Assert.Equal(["tok-other"], StoredIds());
    }

    [Fact]
    public void Options_without_a_save_attempt_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new TokenIssuer(_harness.Store, new TokenIssuerOptions { MaxSaveAttempts = 0 }));
    }
}
