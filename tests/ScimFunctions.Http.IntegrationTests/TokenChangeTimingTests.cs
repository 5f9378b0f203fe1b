using System.Diagnostics;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using ScimFunctions.Core;
using ScimFunctions.Http.IntegrationTests.Support;
using ScimFunctions.Storage.Tokens;
using Xunit.Abstractions;

namespace ScimFunctions.Http.IntegrationTests;

/// <summary>Two instances of one stamp (two real hosts on the same tables), each with its own token cache.</summary>
public sealed class TwoInstances : IAsyncLifetime
{
    /// <summary>The refresh interval both run with: short, so the tests need not wait the 3 s default.</summary>
    public static readonly TimeSpan MissRefreshInterval = TimeSpan.FromSeconds(1);

    public ScimTestHost First { get; } = new();

    public ScimTestHost Second { get; } = new();

    public async Task InitializeAsync()
    {
        First.Settings["Scim:Tokens:MissRefreshSeconds"] = MissRefreshInterval.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await First.InitializeAsync();
        foreach (var (key, value) in First.EffectiveSettings)
        {
            Second.Settings[key] = value;
        }

        await Second.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await First.DisposeAsync();
        await Second.DisposeAsync();
    }
}

/// <summary>
/// A token issued or rotated anywhere works at once on an instance that cached the tenant's token set (the IdP
/// admin's "Test Connection" right after pasting it); a flood of wrong tokens still costs no more than one read per
/// refresh interval.
/// </summary>
public sealed class TokenChangeTimingTests(TwoInstances stamp, ITestOutputHelper output) : IClassFixture<TwoInstances>
{
    [Fact]
    public async Task A_token_issued_on_one_instance_works_at_once_on_the_other_that_cached_the_tenant()
    {
        using var tenant = await stamp.First.CreateTenantAsync();
        using var onSecond = stamp.Second.Client(tenant.Token);
        (await onSecond.SendJsonAsync(HttpMethod.Get, tenant.BasePath + "/Users", null)).AssertStatus(200); // the second instance caches the set
        await Task.Delay(TwoInstances.MissRefreshInterval);

        using var operatorClient = stamp.First.Operator();
        var issued = await operatorClient.SendJsonAsync(HttpMethod.Post, $"/operator/tenants/{tenant.TenantId}/tokens", null);
        issued.AssertStatus(201);
        using var newClient = stamp.Second.Client((string)issued.Body!["token"]!);

        (await newClient.SendJsonAsync(HttpMethod.Get, tenant.BasePath + "/Users", null)).AssertStatus(200);
    }

    [Fact]
    public async Task A_token_rotated_by_another_process_on_the_same_storage_works_at_once_on_both_instances()
    {
        using var tenant = await stamp.First.CreateTenantAsync();
        using var onFirst = stamp.First.Client(tenant.Token);
        using var onSecond = stamp.Second.Client(tenant.Token);
        (await onFirst.SendJsonAsync(HttpMethod.Get, tenant.BasePath + "/Users", null)).AssertStatus(200);
        (await onSecond.SendJsonAsync(HttpMethod.Get, tenant.BasePath + "/Users", null)).AssertStatus(200);
        await Task.Delay(TwoInstances.MissRefreshInterval);

        // What scimctl does: its own issuer over the stamp's token table, no host told.
        var connectionString = stamp.First.EffectiveSettings["Scim:Storage:ConnectionString"]!;
        var issuer = new TokenIssuer(TableTokenStore.Create(new TableServiceClient(connectionString), stamp.First.EffectiveSettings[ScimTestHost.TokenTableSetting]!));
        var rotated = await issuer.RotateAsync(TenantId.Parse(tenant.TenantId), overlap: TimeSpan.FromHours(1));

        using var newOnFirst = stamp.First.Client(rotated.Token);
        using var newOnSecond = stamp.Second.Client(rotated.Token);
        (await newOnFirst.SendJsonAsync(HttpMethod.Get, tenant.BasePath + "/Users", null)).AssertStatus(200);
        (await newOnSecond.SendJsonAsync(HttpMethod.Get, tenant.BasePath + "/Users", null)).AssertStatus(200);
        (await onSecond.SendJsonAsync(HttpMethod.Get, tenant.BasePath + "/Users", null)).AssertStatus(200); // the old one, in its overlap
    }

    [Fact]
    public async Task A_flood_of_wrong_tokens_on_the_other_instance_costs_at_most_one_token_read_per_refresh_interval()
    {
        using var tenant = await stamp.First.CreateTenantAsync(policy: new JsonObject { ["requestsPerSecond"] = 0 });
        using var onSecond = stamp.Second.Client(tenant.Token);
        (await onSecond.SendJsonAsync(HttpMethod.Get, tenant.BasePath + "/Users", null)).AssertStatus(200);
        var before = stamp.Second.TokenStore.Reads;
        using var wrong = stamp.Second.Client("scim_" + tenant.TenantId + "_" + new string('0', 64));

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 1_000; i++)
        {
            (await wrong.SendJsonAsync(HttpMethod.Get, tenant.BasePath + "/Users", null)).AssertScimError(401);
        }

        var elapsed = clock.Elapsed;
        var reads = stamp.Second.TokenStore.Reads - before;
        output.WriteLine($"1,000 wrong tokens one after another in {elapsed.TotalMilliseconds:F0} ms: {reads} token-store reads (refresh interval {TwoInstances.MissRefreshInterval.TotalSeconds} s)");
        Assert.InRange(reads, 0, 1 + (long)(elapsed / TwoInstances.MissRefreshInterval));
    }

    [Fact]
    public async Task A_revocation_is_effective_at_once_on_the_instance_that_made_it()
    {
        using var tenant = await stamp.First.CreateTenantAsync();
        using var onFirst = stamp.First.Client(tenant.Token);
        (await onFirst.SendJsonAsync(HttpMethod.Get, tenant.BasePath + "/Users", null)).AssertStatus(200);
        using var operatorClient = stamp.First.Operator();
        var tokenId = (string)(await operatorClient.SendJsonAsync(HttpMethod.Get, $"/operator/tenants/{tenant.TenantId}/tokens", null)).Body!["tokens"]![0]!["tokenId"]!;

        (await operatorClient.SendJsonAsync(HttpMethod.Delete, $"/operator/tenants/{tenant.TenantId}/tokens/{tokenId}", null)).AssertStatus(204);

        // Elsewhere a cached token stops working within the token cache TTL (TokenVerifierMissRefreshTests proves the bound).
        (await onFirst.SendJsonAsync(HttpMethod.Get, tenant.BasePath + "/Users", null)).AssertScimError(401);
    }
}
