using Azure;
using ScimFunctions.Core;
using ScimFunctions.Storage.Tokens;
using ScimFunctions.Testing.KeyVault;

namespace ScimFunctions.Storage.IntegrationTests.Tokens;

/// <summary>The verifier over the Key Vault store, its cost counted where it matters: requests reaching the vault.</summary>
public sealed class TokenVerifierTests : IDisposable
{
    private static readonly TenantId Tenant = TenantId.Parse("contoso");
    private static readonly TenantId Other = TenantId.Parse("fabrikam");
    private readonly VaultHarness _harness = new();
    private readonly ManualTimeProvider _clock = new();
    private readonly TokenIssuer _issuer;
    private readonly TokenVerifier _verifier;

    public TokenVerifierTests()
    {
        _issuer = new TokenIssuer(_harness.Store, timeProvider: _clock);
        _verifier = new TokenVerifier(_harness.Store, new TokenVerifierOptions { CacheTtl = TimeSpan.FromSeconds(60), NegativeCacheTtl = TimeSpan.FromSeconds(15) }, _clock);
    }

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task A_live_token_of_the_tenant_is_valid_and_names_its_token_id()
    {
        var issued = await _issuer.IssueAsync(Tenant);

        var result = await _verifier.VerifyAsync(Tenant, issued.Token);

        Assert.Equal(new TokenVerification(true, issued.TokenId), result);
    }

    [Fact]
    public async Task Ten_thousand_verifications_of_a_valid_token_cost_one_vault_read_per_ttl()
    {
        var issued = await _issuer.IssueAsync(Tenant);
        var readsBefore = _harness.Vault.SecretReads;

        for (var i = 0; i < 10_000; i++)
        {
            Assert.True((await _verifier.VerifyAsync(Tenant, issued.Token)).IsValid);
            if (i % 1_000 == 999)
            {
                _clock.Advance(TimeSpan.FromSeconds(10)); // 100 s in all: the 60 s TTL runs out once.
            }
        }

        Assert.Equal(2, _harness.Vault.SecretReads - readsBefore);
    }

    [Fact]
    public async Task Wrong_tokens_of_a_cached_tenant_cause_no_vault_read()
    {
        var issued = await _issuer.IssueAsync(Tenant);
        await _verifier.VerifyAsync(Tenant, issued.Token);
        var readsBefore = _harness.Vault.SecretReads;

        for (var i = 0; i < 1_000; i++)
        {
            Assert.False((await _verifier.VerifyAsync(Tenant, TenantToken.Create(Tenant))).IsValid);
        }

        Assert.Equal(readsBefore, _harness.Vault.SecretReads);
    }

    [Fact]
    public async Task A_flood_of_wrong_tokens_for_an_uncached_tenant_costs_one_read()
    {
        await _issuer.IssueAsync(Tenant);
        var readsBefore = _harness.Vault.SecretReads;

        for (var i = 0; i < 1_000; i++)
        {
            Assert.False((await _verifier.VerifyAsync(Tenant, TenantToken.Create(Tenant))).IsValid);
        }

        Assert.Equal(1, _harness.Vault.SecretReads - readsBefore);
    }

    [Fact]
    public async Task A_flood_for_a_tenant_without_tokens_costs_one_read_per_negative_ttl()
    {
        for (var i = 0; i < 1_000; i++)
        {
            Assert.False((await _verifier.VerifyAsync(Other, TenantToken.Create(Other))).IsValid);
        }

        _clock.Advance(TimeSpan.FromSeconds(15));
        Assert.False((await _verifier.VerifyAsync(Other, TenantToken.Create(Other))).IsValid);

        Assert.Equal(2, _harness.Vault.SecretReads);
    }

    [Fact]
    public async Task Concurrent_cold_misses_for_one_tenant_share_one_vault_read()
    {
        var issued = await _issuer.IssueAsync(Tenant);
        var readsBefore = _harness.Vault.SecretReads;
        _harness.Vault.ReadGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var verifications = Enumerable.Range(0, 50)
            .Select(_ => Task.Run(async () => await _verifier.VerifyAsync(Tenant, issued.Token)))
            .ToList();
        await Task.Delay(200);
        _harness.Vault.ReadGate.SetResult();
        var results = await Task.WhenAll(verifications);

        Assert.All(results, result => Assert.True(result.IsValid));
        Assert.Equal(1, _harness.Vault.SecretReads - readsBefore);
    }

    [Fact]
    public async Task Malformed_tokens_and_tokens_of_another_tenant_are_rejected_without_a_read()
    {
        var othersToken = (await _issuer.IssueAsync(Other)).Token;
        var readsBefore = _harness.Vault.SecretReads;

        string[] presented = ["", "Bearer x", "scim_contoso", "scim_contoso_", "scim_contoso_" + new string('g', 64), "scim_Contoso_" + new string('a', 64), othersToken];
        foreach (var token in presented)
        {
            Assert.False((await _verifier.VerifyAsync(Tenant, token)).IsValid);
        }

        Assert.Equal(readsBefore, _harness.Vault.SecretReads);
    }

    [Fact]
    public async Task Unknown_tenant_tenant_without_tokens_and_wrong_token_look_the_same()
    {
        var issued = await _issuer.IssueAsync(Tenant);
        await _issuer.RevokeAsync(Tenant, issued.TokenId);
        var stranger = TenantId.Parse("nobody-here");

        var results = new[]
        {
            await _verifier.VerifyAsync(stranger, TenantToken.Create(stranger)),
            await _verifier.VerifyAsync(Tenant, issued.Token),
            await _verifier.VerifyAsync(Tenant, TenantToken.Create(Tenant)),
        };

        Assert.All(results, result => Assert.Equal(TokenVerification.Invalid, result));
    }

    [Fact]
    public async Task An_expired_token_is_rejected_at_its_expiry_even_while_cached()
    {
        var permanent = await _issuer.IssueAsync(Tenant);
        var shortLived = await _issuer.IssueAsync(Tenant, lifetime: TimeSpan.FromSeconds(30));
        Assert.True((await _verifier.VerifyAsync(Tenant, shortLived.Token)).IsValid);
        var readsBefore = _harness.Vault.SecretReads;

        _clock.Advance(TimeSpan.FromSeconds(30));

        Assert.False((await _verifier.VerifyAsync(Tenant, shortLived.Token)).IsValid);
        Assert.True((await _verifier.VerifyAsync(Tenant, permanent.Token)).IsValid);
        Assert.Equal(readsBefore, _harness.Vault.SecretReads);
    }

    [Fact]
    public async Task A_revoked_token_keeps_working_at_most_until_the_cache_ttl_runs_out()
    {
        var issued = await _issuer.IssueAsync(Tenant);
        Assert.True((await _verifier.VerifyAsync(Tenant, issued.Token)).IsValid);

        await _issuer.RevokeAsync(Tenant, issued.TokenId);
        _clock.Advance(TimeSpan.FromSeconds(59));
        var withinTtl = await _verifier.VerifyAsync(Tenant, issued.Token);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var afterTtl = await _verifier.VerifyAsync(Tenant, issued.Token);

        Assert.True(withinTtl.IsValid);
        Assert.False(afterTtl.IsValid);
    }

    [Fact]
    public async Task Invalidate_makes_a_revocation_effective_at_once_in_this_process()
    {
        var issued = await _issuer.IssueAsync(Tenant);
        await _verifier.VerifyAsync(Tenant, issued.Token);

        await _issuer.RevokeAsync(Tenant, issued.TokenId);
        _verifier.Invalidate(Tenant);

        Assert.False((await _verifier.VerifyAsync(Tenant, issued.Token)).IsValid);
    }

    [Fact]
    public async Task Both_tokens_work_during_a_rotation_overlap_and_only_the_new_one_after_it()
    {
        var old = await _issuer.IssueAsync(Tenant);
        var rotated = await _issuer.RotateAsync(Tenant, old.TokenId, overlap: TimeSpan.FromHours(1));

        Assert.True((await _verifier.VerifyAsync(Tenant, old.Token)).IsValid);
        Assert.True((await _verifier.VerifyAsync(Tenant, rotated.Token)).IsValid);
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.False((await _verifier.VerifyAsync(Tenant, old.Token)).IsValid);
        Assert.True((await _verifier.VerifyAsync(Tenant, rotated.Token)).IsValid);
    }

    [Fact]
    public async Task A_vault_fault_propagates_and_is_not_cached()
    {
        var issued = await _issuer.IssueAsync(Tenant);
        _harness.Vault.FailNextRequests(1);

        await Assert.ThrowsAsync<RequestFailedException>(async () => await _verifier.VerifyAsync(Tenant, issued.Token));

        Assert.True((await _verifier.VerifyAsync(Tenant, issued.Token)).IsValid);
    }

    [Fact]
    public async Task A_cancelled_caller_does_not_cancel_the_shared_read()
    {
        var issued = await _issuer.IssueAsync(Tenant);
        var readsBefore = _harness.Vault.SecretReads;
        _harness.Vault.ReadGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cancelled = new CancellationTokenSource();

        var impatient = _verifier.VerifyAsync(Tenant, issued.Token, cancelled.Token).AsTask();
        var patient = _verifier.VerifyAsync(Tenant, issued.Token).AsTask();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient);
        _harness.Vault.ReadGate.SetResult();

        Assert.True((await patient).IsValid);
        Assert.Equal(1, _harness.Vault.SecretReads - readsBefore);
    }
}
