using System.Text.Json.Nodes;
using Azure;
using ScimFunctions.Core;
using ScimFunctions.Storage.Abstractions;
using ScimFunctions.Storage.Tokens;
using ScimFunctions.Testing.KeyVault;

namespace ScimFunctions.KeyVault.Tests;

public sealed class KeyVaultTokenStoreTests : IDisposable
{
    private static readonly TenantId Tenant = TenantId.Parse("contoso");
    private readonly VaultHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task First_request_meets_the_bearer_challenge_and_is_retried_with_a_token_for_the_vault_resource()
    {
        await _harness.Store.GetAsync(Tenant);

        var requests = _harness.Vault.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Null(requests[0].Authorization);
        Assert.Equal("Bearer " + _harness.Vault.AcceptedAccessToken, requests[1].Authorization);
        var tokenRequest = Assert.Single(_harness.Credential.Requests);
        Assert.Equal(["https://vault.azure.net/.default"], tokenRequest.Scopes);
        Assert.Equal(FakeKeyVault.ChallengeTenant, tokenRequest.TenantId);
    }

    [Fact]
    public async Task Get_of_a_tenant_without_a_secret_is_the_empty_set()
    {
        var tokens = await _harness.Store.GetAsync(Tenant);

        Assert.Same(TenantTokenSet.Empty, tokens);
        var read = _harness.Vault.Requests[^1];
        Assert.Equal(("GET", "/secrets/scim-tenant-contoso"), (read.Method, read.Path));
        Assert.False(string.IsNullOrEmpty(read.ApiVersion));
    }

    [Fact]
    public async Task Save_then_get_round_trips_the_hashes_dates_and_expiry()
    {
        var created = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var saved = new TenantTokenSet(
        [
            new TokenRecord("tok-a", TenantToken.Hash("a"), created, null),
            new TokenRecord("tok-b", TenantToken.Hash("b"), created, created.AddDays(1)),
        ]);

        await _harness.Store.SaveAsync(Tenant, saved);
        var read = await _harness.Store.GetAsync(Tenant);

        Assert.Equal(2, read.Tokens.Count);
        Assert.Equal(saved.Tokens.Select(t => (t.TokenId, Convert.ToHexString(t.Sha256), t.Created, t.Expires)),
            read.Tokens.Select(t => (t.TokenId, Convert.ToHexString(t.Sha256), t.Created, t.Expires)));
    }

    [Fact]
    public async Task Save_writes_a_new_version_of_one_secret_per_tenant_with_tags()
    {
        var created = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
        await _harness.Store.SaveAsync(Tenant, new TenantTokenSet([new TokenRecord("tok-a", TenantToken.Hash("a"), created, created.AddHours(24))]));

        var put = Assert.Single(_harness.Vault.Requests, r => r.Method == "PUT" && r.IsAuthenticated);
        Assert.Equal("/secrets/scim-tenant-contoso", put.Path);
        Assert.False(string.IsNullOrEmpty(put.ApiVersion));
        var tags = _harness.Vault.CurrentTags("scim-tenant-contoso");
        Assert.Equal("contoso", tags["tenant"]);
        Assert.Equal("1", tags["tokens"]);
        Assert.Equal(created.AddHours(24), DateTimeOffset.Parse(tags["earliestExpiry"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Issued_tokens_reach_the_vault_only_as_hashes()
    {
        var issuer = new TokenIssuer(_harness.Store);

        var first = await issuer.IssueAsync(Tenant);
        var second = await issuer.RotateAsync(Tenant, first.TokenId);

        var bodies = _harness.Vault.Requests.Select(r => r.Body ?? string.Empty).ToList();
        foreach (var token in new[] { first.Token, second.Token })
        {
            var secretPart = token[(token.LastIndexOf('_') + 1)..];
            Assert.DoesNotContain(bodies, body => body.Contains(secretPart, StringComparison.OrdinalIgnoreCase));
        }

        var stored = JsonNode.Parse(_harness.Vault.CurrentValue("scim-tenant-contoso")!)!;
        Assert.Contains(Convert.ToHexStringLower(TenantToken.Hash(second.Token)), stored.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_starts_a_soft_delete_and_the_tenant_then_reads_as_empty()
    {
        await _harness.Store.SaveAsync(Tenant, new TenantTokenSet([new TokenRecord("tok-a", TenantToken.Hash("a"), DateTimeOffset.UtcNow, null)]));

        await _harness.Store.DeleteAsync(Tenant);

        Assert.Contains(_harness.Vault.Requests, r => r.Method == "DELETE" && r.Path == "/secrets/scim-tenant-contoso" && r.IsAuthenticated);
        Assert.Empty((await _harness.Store.GetAsync(Tenant)).Tokens);
    }

    [Fact]
    public async Task Delete_of_a_tenant_without_a_secret_succeeds()
    {
        await _harness.Store.DeleteAsync(Tenant);

        Assert.Contains(_harness.Vault.Requests, r => r.Method == "DELETE" && r.IsAuthenticated);
    }

    [Fact]
    public async Task Save_after_delete_recovers_the_soft_deleted_secret_and_writes_the_new_set()
    {
        await _harness.Store.SaveAsync(Tenant, new TenantTokenSet([new TokenRecord("tok-old", TenantToken.Hash("old"), DateTimeOffset.UtcNow, null)]));
        await _harness.Store.DeleteAsync(Tenant);

        await _harness.Store.SaveAsync(Tenant, new TenantTokenSet([new TokenRecord("tok-new", TenantToken.Hash("new"), DateTimeOffset.UtcNow, null)]));

        Assert.Contains(_harness.Vault.Requests, r => r.Method == "POST" && r.Path == "/deletedsecrets/scim-tenant-contoso/recover");
        var tokens = await _harness.Store.GetAsync(Tenant);
        Assert.Equal("tok-new", Assert.Single(tokens.Tokens).TokenId);
    }

    [Fact]
    public async Task A_vault_fault_surfaces_as_a_request_failure_not_as_an_empty_set()
    {
        await _harness.Store.GetAsync(Tenant);
        _harness.Vault.FailNextRequests(1);

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => _harness.Store.GetAsync(Tenant));

        Assert.Equal(500, failure.Status);
    }

    [Fact]
    public void Secret_names_fit_key_vault_rules_for_the_longest_tenant_id()
    {
        var name = KeyVaultTokenStore.SecretName(TenantId.Parse(new string('a', 63)));

        Assert.InRange(name.Length, 1, 127);
        Assert.Matches("^[0-9a-zA-Z-]+$", name);
    }
}
