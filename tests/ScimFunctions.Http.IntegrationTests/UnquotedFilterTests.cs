using System.Text.Json.Nodes;
using ScimFunctions.Http.IntegrationTests.Support;
using Xunit.Abstractions;

namespace ScimFunctions.Http.IntegrationTests;

/// <summary>
/// Unquoted filter strings (Okta's SPEC test, Entra's tutorial, authentik) through the local host: on by default, the
/// same match and the same storage cost as the quoted filter; off per tenant (<c>unquotedFilterStrings</c>), 400.
/// </summary>
public sealed class UnquotedFilterTests(ScimTestHost host, ITestOutputHelper output) : IClassFixture<ScimTestHost>
{
    [Fact]
    public async Task Okta_spec_test_lookup_by_a_bare_email_finds_the_user_at_the_cost_of_the_quoted_filter()
    {
        using var tenant = await host.CreateTenantAsync(policy: new JsonObject { ["requestsPerSecond"] = 100_000 });
        var userName = $"Runscope{Guid.NewGuid():N}@atko.com";
        var id = await tenant.CreateUserAsync(userName);
        await tenant.CreateUserAsync(Scim.UniqueName());

        var before = host.StorageRequests.Total;
        var quoted = await tenant.GetAsync($"/Users?filter={Scim.Filter($"userName eq \"{userName}\"")}&startIndex=1&count=100");
        var quotedCost = host.StorageRequests.Total - before;
        before = host.StorageRequests.Total;
        var bare = await tenant.GetAsync($"/Users?filter={Scim.Filter($"userName eq {userName}")}&startIndex=1&count=100");
        var bareCost = host.StorageRequests.Total - before;
        output.WriteLine($"userName eq: quoted {quotedCost} storage requests, unquoted {bareCost}");

        quoted.AssertStatus(200);
        bare.AssertStatus(200);
        Assert.Equal(id, (string?)Assert.Single(bare.Resources)["id"]);
        Assert.Equal(quotedCost, bareCost);
        Assert.InRange(bareCost, 1, 2);
    }

    [Fact]
    public async Task Entra_and_authentik_forms_match_on_get_and_on_search()
    {
        using var tenant = await host.CreateTenantAsync();
        var externalId = "jyoung" + Guid.NewGuid().ToString("N");
        var userName = "akadmin" + Guid.NewGuid().ToString("N");
        var byExternalId = await tenant.CreateUserAsync(Scim.UniqueName(), new JsonObject { ["externalId"] = externalId });
        var byUserName = await tenant.CreateUserAsync(userName);

        var get = await tenant.GetAsync($"/Users?filter={Scim.Filter($"externalId eq {externalId}")}");
        var search = await tenant.PostAsync("/Users/.search", SearchRequest($"userName eq {userName} and active eq true"));

        get.AssertStatus(200);
        Assert.Equal(byExternalId, (string?)Assert.Single(get.Resources)["id"]);
        search.AssertStatus(200);
        Assert.Equal(byUserName, (string?)Assert.Single(search.Resources)["id"]);
    }

    [Fact]
    public async Task A_bare_value_that_is_an_attribute_path_is_still_400()
    {
        using var tenant = await host.CreateTenantAsync();

        (await tenant.GetAsync($"/Users?filter={Scim.Filter("userName eq displayName")}")).AssertScimError(400, "invalidFilter");
    }

    [Fact]
    public async Task Switched_off_at_creation_a_bare_value_is_400_invalidFilter()
    {
        using var tenant = await host.CreateTenantAsync(compatibility: new JsonObject { ["unquotedFilterStrings"] = false });
        await tenant.CreateUserAsync("akadmin" + Guid.NewGuid().ToString("N"));

        (await tenant.GetAsync($"/Users?filter={Scim.Filter("userName eq akadmin")}")).AssertScimError(400, "invalidFilter");
        (await tenant.PostAsync("/Users/.search", SearchRequest("userName eq akadmin"))).AssertScimError(400, "invalidFilter");
        (await tenant.GetAsync($"/Users?filter={Scim.Filter("userName eq \"akadmin\"")}")).AssertStatus(200);
    }

    [Fact]
    public async Task The_operator_api_turns_the_switch_off_and_on()
    {
        using var tenant = await host.CreateTenantAsync();
        using var operatorClient = host.Operator();
        var filter = $"/Users?filter={Scim.Filter("userName eq akadmin")}";
        (await tenant.GetAsync(filter)).AssertStatus(200);

        var off = await operatorClient.SendJsonAsync(HttpMethod.Put, $"/operator/tenants/{tenant.TenantId}/compatibility", new JsonObject { ["unquotedFilterStrings"] = false }, "application/json");
        off.AssertStatus(200);
        Assert.False((bool)off.Body!["compatibility"]!["unquotedFilterStrings"]!);
        (await tenant.GetAsync(filter)).AssertScimError(400, "invalidFilter");

        (await operatorClient.SendJsonAsync(HttpMethod.Put, $"/operator/tenants/{tenant.TenantId}/compatibility", new JsonObject { ["unquotedFilterStrings"] = null }, "application/json")).AssertStatus(200);
        (await tenant.GetAsync(filter)).AssertStatus(200);
    }

    private static JsonObject SearchRequest(string filter) => new()
    {
        ["schemas"] = new JsonArray("urn:ietf:params:scim:api:messages:2.0:SearchRequest"),
        ["filter"] = filter,
    };
}
