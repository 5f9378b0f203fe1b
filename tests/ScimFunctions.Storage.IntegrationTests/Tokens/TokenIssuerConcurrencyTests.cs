using Azure.Data.Tables;
using ScimFunctions.Core;
using ScimFunctions.Storage.Tokens;
using ScimFunctions.Testing;

namespace ScimFunctions.Storage.IntegrationTests.Tokens;

/// <summary>Issue, rotate and revoke racing each other on one tenant all take effect: none overwrites another.</summary>
public sealed class TokenIssuerConcurrencyTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const int Writers = 20;

    // n racing writers need at most n attempts each: every lost attempt is another writer's success.
    private static readonly TokenIssuerOptions Options = new() { MaxLiveTokens = Writers + 5, MaxSaveAttempts = Writers };

    private readonly TenantId _tenant = TenantId.Parse(TestNames.TenantId());

    private TableTokenStore NewStore() => TableTokenStore.Create(new TableServiceClient(azurite.ConnectionString), TestNames.TableName("tok"));

    /// <summary>Runs the operations at once: each waits at a shared gate, then all start together.</summary>
    private static async Task<T[]> RaceAsync<T>(IEnumerable<Func<Task<T>>> operations)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = operations.Select(async operation =>
        {
            await gate.Task;
            return await operation();
        }).ToList();
        gate.SetResult();
        return await Task.WhenAll(running);
    }

    [Fact]
    public async Task Twenty_parallel_issues_on_one_tenant_all_verify_afterwards()
    {
        var store = NewStore();
        var issuer = new TokenIssuer(store, Options);
        await store.GetAsync(_tenant); // the table exists before the race, so the race is about the row

        var issued = await RaceAsync(Enumerable.Range(0, Writers).Select(_ => (Func<Task<IssuedToken>>)(() => issuer.IssueAsync(_tenant))));

        var verifier = new TokenVerifier(store);
        foreach (var token in issued)
        {
            Assert.True((await verifier.VerifyAsync(_tenant, token.Token)).IsValid, $"{token.TokenId} was lost");
        }

        Assert.Equal(issued.Select(t => t.TokenId).Order(), (await issuer.ListAsync(_tenant)).Select(t => t.TokenId).Order());
    }

    [Fact]
    public async Task Parallel_issuers_on_separate_processes_lose_nothing_either()
    {
        // Separate clients and issuers, as two operators' CLIs or two Function App instances would have.
        var tableName = TestNames.TableName("tok");
        TokenIssuer NewIssuer() => new(TableTokenStore.Create(new TableServiceClient(azurite.ConnectionString), tableName), Options);
        await NewIssuer().ListAsync(_tenant);

        var issued = await RaceAsync(Enumerable.Range(0, Writers).Select(_ => (Func<Task<IssuedToken>>)(() => NewIssuer().IssueAsync(_tenant))));

        Assert.Equal(issued.Select(t => t.TokenId).Order(), (await NewIssuer().ListAsync(_tenant)).Select(t => t.TokenId).Order());
    }

    [Fact]
    public async Task Issue_rotate_and_revoke_racing_each_other_all_take_effect()
    {
        var store = NewStore();
        var issuer = new TokenIssuer(store, Options);
        var revokedA = await issuer.IssueAsync(_tenant);
        var rotatedB = await issuer.IssueAsync(_tenant);
        var revokedC = await issuer.IssueAsync(_tenant);
        var kept = await issuer.IssueAsync(_tenant);

        var results = await RaceAsync<IssuedToken?>(
        [
            async () => { await issuer.RevokeAsync(_tenant, revokedA.TokenId); return null; },
            () => issuer.RotateAsync(_tenant, rotatedB.TokenId, overlap: TimeSpan.Zero)!,
            () => issuer.IssueAsync(_tenant)!,
            () => issuer.IssueAsync(_tenant)!,
            async () => { await issuer.RevokeAsync(_tenant, revokedC.TokenId); return null; },
        ]);

        var verifier = new TokenVerifier(store);
        foreach (var gone in new[] { revokedA, rotatedB, revokedC })
        {
            Assert.False((await verifier.VerifyAsync(_tenant, gone.Token)).IsValid, $"{gone.TokenId} still works");
        }

        var live = results.OfType<IssuedToken>().Append(kept).ToList();
        Assert.Equal(4, live.Count);
        foreach (var token in live)
        {
            Assert.True((await verifier.VerifyAsync(_tenant, token.Token)).IsValid, $"{token.TokenId} was lost");
        }
    }
}
