using ScimFunctions.Core;
using ScimFunctions.Storage.Tokens;
using ScimFunctions.Testing.KeyVault;

namespace ScimFunctions.Storage.IntegrationTests.Tokens;

/// <summary>
/// A token issued by another process (the CLI, another instance) works at once on a verifier that cached the
/// tenant's set: a miss reads the set again, single flight, at most once per refresh interval, so wrong tokens
/// stay cheap. Reads are counted where they cost: at the vault.
/// </summary>
public sealed class TokenVerifierMissRefreshTests : IDisposable
{
    private static readonly TenantId Tenant = TenantId.Parse("contoso");
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(3);
    private readonly VaultHarness _harness = new();
    private readonly ManualTimeProvider _clock = new();
    private readonly TokenIssuer _elsewhere;
    private readonly TokenVerifier _verifier;

    public TokenVerifierMissRefreshTests()
    {
        _elsewhere = new TokenIssuer(_harness.Store, timeProvider: _clock);
        _verifier = new TokenVerifier(_harness.Store, new TokenVerifierOptions { CacheTtl = TimeSpan.FromSeconds(60), MissRefreshInterval = Interval }, _clock);
    }

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task A_token_issued_elsewhere_works_on_its_first_use_with_one_vault_read()
    {
        var first = await _elsewhere.IssueAsync(Tenant);
        Assert.True((await _verifier.VerifyAsync(Tenant, first.Token)).IsValid);
        _clock.Advance(TimeSpan.FromSeconds(20)); // well within the 60 s TTL of the cached set

        var second = await _elsewhere.IssueAsync(Tenant);
        var readsBefore = _harness.Vault.SecretReads;
        var result = await _verifier.VerifyAsync(Tenant, second.Token);

        Assert.Equal(new TokenVerification(true, second.TokenId), result);
        Assert.Equal(1, _harness.Vault.SecretReads - readsBefore);
    }

    [Fact]
    public async Task A_rotated_token_works_at_once_and_the_old_one_keeps_working_through_its_overlap()
    {
        var old = await _elsewhere.IssueAsync(Tenant);
        Assert.True((await _verifier.VerifyAsync(Tenant, old.Token)).IsValid);
        _clock.Advance(Interval);

        var rotated = await _elsewhere.RotateAsync(Tenant, old.TokenId, TimeSpan.FromHours(1));

        Assert.True((await _verifier.VerifyAsync(Tenant, rotated.Token)).IsValid);
        Assert.True((await _verifier.VerifyAsync(Tenant, old.Token)).IsValid);
    }

    [Fact]
    public async Task Within_the_refresh_interval_a_miss_reads_nothing_and_the_new_token_works_once_it_has_passed()
    {
        var first = await _elsewhere.IssueAsync(Tenant);
        Assert.True((await _verifier.VerifyAsync(Tenant, first.Token)).IsValid);
        var second = await _elsewhere.IssueAsync(Tenant);
        var readsBefore = _harness.Vault.SecretReads;

        _clock.Advance(Interval - TimeSpan.FromMilliseconds(1));
        var early = await _verifier.VerifyAsync(Tenant, second.Token);
        var readsEarly = _harness.Vault.SecretReads - readsBefore;
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        var onTime = await _verifier.VerifyAsync(Tenant, second.Token);

        Assert.False(early.IsValid);
        Assert.Equal(0, readsEarly);
        Assert.True(onTime.IsValid);
        Assert.Equal(1, _harness.Vault.SecretReads - readsBefore);
    }

    [Fact]
    public async Task A_thousand_wrong_tokens_within_one_refresh_window_cost_no_vault_read()
    {
        var issued = await _elsewhere.IssueAsync(Tenant);
        Assert.True((await _verifier.VerifyAsync(Tenant, issued.Token)).IsValid);
        var readsBefore = _harness.Vault.SecretReads;

        for (var i = 0; i < 1_000; i++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(2)); // 2 s in all: inside one 3 s window
            Assert.False((await _verifier.VerifyAsync(Tenant, TenantToken.Create(Tenant))).IsValid);
        }

        Assert.Equal(0, _harness.Vault.SecretReads - readsBefore);
    }

    [Fact]
    public async Task A_minute_long_flood_of_wrong_tokens_costs_one_vault_read_per_refresh_interval()
    {
        var issued = await _elsewhere.IssueAsync(Tenant);
        Assert.True((await _verifier.VerifyAsync(Tenant, issued.Token)).IsValid);
        var readsBefore = _harness.Vault.SecretReads;

        for (var i = 0; i < 6_000; i++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(10)); // 60 s in all
            Assert.False((await _verifier.VerifyAsync(Tenant, TenantToken.Create(Tenant))).IsValid);
        }

        // One read per 3 s window (the TTL expiry at 60 s coincides with one of them): 20 reads for 6,000 wrong tokens.
        Assert.Equal(20, _harness.Vault.SecretReads - readsBefore);
        Assert.True((await _verifier.VerifyAsync(Tenant, issued.Token)).IsValid);
    }

    [Fact]
    public async Task Concurrent_misses_share_one_refresh_read()
    {
        var first = await _elsewhere.IssueAsync(Tenant);
        Assert.True((await _verifier.VerifyAsync(Tenant, first.Token)).IsValid);
        var second = await _elsewhere.IssueAsync(Tenant);
        _clock.Advance(Interval);
        var readsBefore = _harness.Vault.SecretReads;
        _harness.Vault.ReadGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var verifications = Enumerable.Range(0, 50)
            .Select(i => Task.Run(async () => await _verifier.VerifyAsync(Tenant, i % 2 == 0 ? second.Token : TenantToken.Create(Tenant))))
            .ToList();
        await Task.Delay(200);
        _harness.Vault.ReadGate.SetResult();
        var results = await Task.WhenAll(verifications);

        Assert.All(results.Where((_, i) => i % 2 == 0), result => Assert.True(result.IsValid));
        Assert.All(results.Where((_, i) => i % 2 == 1), result => Assert.False(result.IsValid));
        Assert.Equal(1, _harness.Vault.SecretReads - readsBefore);
    }

    [Fact]
    public async Task Wrong_tokens_sprayed_over_many_tenants_are_held_to_the_process_wide_budget()
    {
        var verifier = new TokenVerifier(_harness.Store, new TokenVerifierOptions { MissRefreshInterval = Interval, MaxMissRefreshesPerSecond = 3 }, _clock);
        var tenants = Enumerable.Range(0, 10).Select(i => TenantId.Parse($"spray-{i}")).ToList();
        foreach (var tenant in tenants)
        {
            await verifier.VerifyAsync(tenant, (await _elsewhere.IssueAsync(tenant)).Token);
        }

        _clock.Advance(Interval);
        var readsBefore = _harness.Vault.SecretReads;
        foreach (var tenant in tenants)
        {
            Assert.False((await verifier.VerifyAsync(tenant, TenantToken.Create(tenant))).IsValid);
        }

        var inOneSecond = _harness.Vault.SecretReads - readsBefore;
        _clock.Advance(TimeSpan.FromSeconds(1));
        foreach (var tenant in tenants)
        {
            Assert.False((await verifier.VerifyAsync(tenant, TenantToken.Create(tenant))).IsValid);
        }

        Assert.Equal(3, inOneSecond);
        Assert.Equal(6, _harness.Vault.SecretReads - readsBefore);
    }
}
