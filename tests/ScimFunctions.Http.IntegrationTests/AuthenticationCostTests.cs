using System.Text.Json.Nodes;
using ScimFunctions.Http.IntegrationTests.Support;
using ScimFunctions.Storage.Tokens;
using Xunit.Abstractions;

namespace ScimFunctions.Http.IntegrationTests;

/// <summary>Token verification is cached: the token store sees a handful of reads, never one per request.</summary>
public sealed class AuthenticationCostTests(ScimTestHost host, ITestOutputHelper output) : IClassFixture<ScimTestHost>
{
    [Fact]
    public async Task Ten_thousand_requests_of_one_tenant_cause_at_most_a_handful_of_token_store_reads()
    {
        using var tenant = await host.CreateTenantAsync(policy: new JsonObject { ["requestsPerSecond"] = 100_000 });
        var before = host.TokenStore.Reads;

        var statuses = await RunAsync(10_000, _ => tenant.GetAsync("/ServiceProviderConfig"));

        Assert.All(statuses, s => Assert.Equal(200, s));
        Assert.InRange(host.TokenStore.Reads - before, 0, 3);
    }

    [Fact]
    public async Task A_thousand_wrong_tokens_for_a_known_tenant_cause_no_token_store_read_within_one_refresh_window()
    {
        using var tenant = await host.CreateTenantAsync(policy: new JsonObject { ["requestsPerSecond"] = 100_000 });
        (await tenant.GetAsync("/ServiceProviderConfig")).AssertStatus(200);
        var before = host.TokenStore.Reads;
        using var wrong = host.Client("scim_" + tenant.TenantId + "_" + new string('0', 64));

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var statuses = await RunAsync(1_000, async _ => await wrong.SendJsonAsync(HttpMethod.Get, tenant.BasePath + "/Users", null));
        var elapsed = clock.Elapsed;
        output.WriteLine($"1,000 wrong tokens in {elapsed.TotalMilliseconds:F0} ms: {host.TokenStore.Reads - before} token-store reads");

        // A miss re-reads the set at most once per refresh interval (3 s): none while the flood fits in one window,
        // one per further window on a machine slow enough to take longer.
        Assert.All(statuses, s => Assert.Equal(401, s));
        Assert.InRange(host.TokenStore.Reads - before, 0, (long)(elapsed / TokenVerifierOptions.Default.MissRefreshInterval));
    }

    [Fact]
    public async Task Malformed_tenant_ids_and_tokens_naming_another_tenant_cause_no_token_store_read()
    {
        using var tenant = await host.CreateTenantAsync();
        var before = host.TokenStore.Reads;

        (await host.Client(tenant.Token).SendJsonAsync(HttpMethod.Get, "/scim/v2/Not_A_Tenant/Users", null)).AssertScimError(404);
        (await host.Client(tenant.Token).SendJsonAsync(HttpMethod.Get, "/scim/v2/other-tenant-x/Users", null)).AssertScimError(401);

        Assert.Equal(0, host.TokenStore.Reads - before);
    }

    private static async Task<int[]> RunAsync(int count, Func<int, Task<ScimResponse>> send)
    {
        var statuses = new int[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
            statuses[i] = (await send(i)).StatusCode);
        return statuses;
    }
}
