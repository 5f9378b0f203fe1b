using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ScimFunctions.Http.IntegrationTests.Support;
using ScimFunctions.Storage.Abstractions;
using ScimFunctions.Storage.Tenants;
using ScimFunctions.Storage.Tokens;
using ScimFunctions.Testing;
using Xunit.Abstractions;

namespace ScimFunctions.Http.IntegrationTests;

/// <summary>
/// Requests for tenants an instance has not cached cost a registry read each: they are rate-limited before that read
/// (instance-wide and per remote address; the test server has one address), and "unknown" is cached briefly.
/// </summary>
public sealed class UnknownTenantFloodTests(ScimTestHost host, ITestOutputHelper output) : IClassFixture<ScimTestHost>
{
    [Fact]
    public async Task Three_thousand_requests_for_random_tenant_ids_cost_a_bounded_small_number_of_registry_reads()
    {
        var before = host.StorageRequests.Total;
        var clock = Stopwatch.StartNew();
        var statuses = new int[3_000];
        await Parallel.ForEachAsync(Enumerable.Range(0, statuses.Length), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            var tenant = TestNames.TenantId("r");
            using var client = host.Client($"scim_{tenant}_{new string('a', 64)}");
            statuses[i] = (await client.SendJsonAsync(HttpMethod.Get, $"/scim/v2/{tenant}/Users", null)).StatusCode;
        });
        var reads = host.StorageRequests.Total - before;
        var seconds = clock.Elapsed.TotalSeconds;
        output.WriteLine($"3,000 random tenants: {reads} registry reads, {statuses.Count(s => s == 429)} × 429, {seconds:F1} s");

        Assert.All(statuses, s => Assert.True(s is 401 or 429, s.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains(429, statuses);
        // One address: a burst of 20 and 20 a second (the defaults), whatever the number of requests.
        Assert.True(reads <= 21 + (20 * seconds), $"{reads} registry reads in {seconds:F1} s");
        Assert.True(reads < 300, $"{reads} registry reads");
    }
}

/// <summary>"No such tenant" is cached for a short time, and never hides a tenant this instance just created.</summary>
public sealed class UnknownTenantCacheTests(ScimTestHost host) : IClassFixture<ScimTestHost>
{
    [Fact]
    public async Task An_unknown_tenant_asked_for_again_and_again_costs_one_registry_read_per_short_lifetime()
    {
        var tenant = TestNames.TenantId();
        using var client = host.Client($"scim_{tenant}_{new string('b', 64)}");
        var before = host.StorageRequests.Total;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 300; i++)
        {
            (await client.SendJsonAsync(HttpMethod.Get, $"/scim/v2/{tenant}/Users", null)).AssertScimError(401);
        }

        var reads = host.StorageRequests.Total - before;
        Assert.True(reads <= 1 + Math.Ceiling(clock.Elapsed.TotalSeconds / 5), $"{reads} registry reads in {clock.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public async Task A_tenant_created_through_the_operator_api_is_usable_at_once_after_it_was_cached_as_unknown()
    {
        var id = TestNames.TenantId();
        using (var guess = host.Client($"scim_{id}_{new string('c', 64)}"))
        {
            (await guess.SendJsonAsync(HttpMethod.Get, $"/scim/v2/{id}/Users", null)).AssertScimError(401);
        }

        using var operatorClient = host.Operator();
        (await operatorClient.SendJsonAsync(HttpMethod.Post, "/operator/tenants", new JsonObject { ["id"] = id }, "application/json")).AssertStatus(201);
        var issued = await operatorClient.SendJsonAsync(HttpMethod.Post, $"/operator/tenants/{id}/tokens", null);
        issued.AssertStatus(201);
        using var client = host.Client((string)issued.Body!["token"]!);

        (await client.SendJsonAsync(HttpMethod.Get, $"/scim/v2/{id}/Users", null)).AssertStatus(200);
    }

    [Fact]
    public async Task A_tenant_created_by_another_process_is_usable_here_within_the_unknown_lifetime()
    {
        var id = Core.TenantId.Parse(TestNames.TenantId());
        using var guess = host.Client($"scim_{id}_{new string('d', 64)}");
        (await guess.SendJsonAsync(HttpMethod.Get, $"/scim/v2/{id}/Users", null)).AssertScimError(401);

        // As scimctl does it: straight into the registry, so this host's cache is not told.
        await host.Services.GetRequiredService<ITenantRegistry>().CreateAsync(new TenantRecord { Id = id });
        var token = (await host.Services.GetRequiredService<TokenIssuer>().IssueAsync(id)).Token;
        using var client = host.Client(token);

        var clock = Stopwatch.StartNew();
        int status;
        do
        {
            status = (await client.SendJsonAsync(HttpMethod.Get, $"/scim/v2/{id}/Users", null)).StatusCode;
            if (status != 200)
            {
                await Task.Delay(250);
            }
        }
        while (status != 200 && clock.Elapsed < TimeSpan.FromSeconds(30));

        Assert.Equal(200, status);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"usable after {clock.Elapsed}");
    }
}

/// <summary>A host that keeps no tenant row cached (every request reads the registry again).</summary>
public sealed class NoTenantCacheHost() : ConfiguredHost(new Dictionary<string, string?> { [ScimHttpOptions.TenantCacheSecondsKey] = "0" });

/// <summary>Refreshing a tenant that exists is never held up by the unknown-tenant limit.</summary>
public sealed class FamiliarTenantTests(NoTenantCacheHost fixture) : IClassFixture<NoTenantCacheHost>
{
    [Fact]
    public async Task A_known_tenant_whose_row_must_be_read_again_on_every_request_is_not_rate_limited_as_unknown()
    {
        using var tenant = await fixture.Host.CreateTenantAsync(policy: new JsonObject { ["requestsPerSecond"] = 100_000 });

        // Far more registry reads than the 20 a second one address may cause for tenants this instance does not know.
        for (var i = 0; i < 200; i++)
        {
            (await tenant.GetAsync("/Users?count=1")).AssertStatus(200);
        }
    }
}
