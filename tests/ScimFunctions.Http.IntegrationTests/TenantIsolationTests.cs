using System.Text.Json.Nodes;
using ScimFunctions.Http.IntegrationTests.Support;

namespace ScimFunctions.Http.IntegrationTests;

/// <summary>Nothing of one tenant can be seen, changed or counted from another.</summary>
public sealed class TenantIsolationTests(ScimTestHost host) : IClassFixture<ScimTestHost>
{
    [Fact]
    public async Task A_token_on_B_url_is_401()
    {
        using var a = await host.CreateTenantAsync();
        using var b = await host.CreateTenantAsync();
        using var client = host.Client(a.Token);

        var response = await client.SendJsonAsync(HttpMethod.Get, b.BasePath + "/Users", null);

        response.AssertScimError(401);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task A_token_on_A_url_for_B_ids_is_404_for_every_method_and_changes_nothing()
    {
        using var a = await host.CreateTenantAsync();
        using var b = await host.CreateTenantAsync();
        var userName = Scim.UniqueName();
        var bUser = await b.CreateUserAsync(userName);
        var bGroup = await b.CreateGroupAsync("B group " + Guid.NewGuid().ToString("N"), bUser);

        (await a.GetAsync($"/Users/{bUser}")).AssertScimError(404);
        (await a.GetAsync($"/Groups/{bGroup}")).AssertScimError(404);
        (await a.PutAsync($"/Users/{bUser}", Scim.User(userName))).AssertScimError(404);
        (await a.PatchAsync($"/Users/{bUser}", Scim.Patch(Scim.Op("replace", "active", false)))).AssertScimError(404);
        (await a.PatchAsync($"/Groups/{bGroup}", Scim.Patch(Scim.Op("remove", "members", null)))).AssertScimError(404);
        (await a.DeleteAsync($"/Users/{bUser}")).AssertScimError(404);

        var stillThere = await b.GetAsync($"/Users/{bUser}");
        stillThere.AssertStatus(200);
        Assert.True(stillThere.Body!["active"]!.GetValue<bool>());
        Assert.Single((await b.GetAsync($"/Groups/{bGroup}")).Body!["members"]!.AsArray());
    }

    [Fact]
    public async Task No_list_search_or_filter_of_A_ever_contains_B_data()
    {
        using var a = await host.CreateTenantAsync();
        using var b = await host.CreateTenantAsync();
        var marker = "b-only-" + Guid.NewGuid().ToString("N");
        var bUser = await b.CreateUserAsync(marker + "@example.com");
        await b.CreateGroupAsync(marker, bUser);
        await a.CreateUserAsync(Scim.UniqueName());

        var responses = new[]
        {
            await a.GetAsync("/Users"),
            await a.GetAsync("/Groups"),
            await a.GetAsync($"/Users?filter={Scim.Filter($"userName eq \"{marker}@example.com\"")}"),
            await a.GetAsync($"/Groups?filter={Scim.Filter($"displayName eq \"{marker}\"")}"),
            await a.GetAsync($"/Users?filter={Scim.Filter($"id eq \"{bUser}\"")}"),
            await a.PostAsync("/.search", new JsonObject { ["schemas"] = new JsonArray(Scim.SearchRequestSchema) }),
            await a.PostAsync("/Users/.search", new JsonObject { ["schemas"] = new JsonArray(Scim.SearchRequestSchema), ["filter"] = $"userName sw \"{marker}\"" }),
        };

        Assert.All(responses, r =>
        {
            r.AssertStatus(200);
            Assert.DoesNotContain(marker, r.RawBody, StringComparison.Ordinal);
            Assert.DoesNotContain(bUser, r.RawBody, StringComparison.Ordinal);
        });
        Assert.Equal(1, responses[0].Body!["totalResults"]!.GetValue<long>());
        Assert.Equal(0, responses[1].Body!["totalResults"]!.GetValue<long>());
    }

    [Fact]
    public async Task Unknown_tenant_suspended_tenant_and_wrong_token_get_the_same_401()
    {
        using var tenant = await host.CreateTenantAsync();
        using var suspended = await host.CreateTenantAsync();
        using var operatorClient = host.Operator();
        (await operatorClient.SendJsonAsync(HttpMethod.Post, $"/operator/tenants/{suspended.TenantId}/suspend", null)).AssertStatus(200);
        var wrongToken = tenant.Token[..^4] + "0000";

        var answers = new[]
        {
            await host.Client(wrongToken).SendJsonAsync(HttpMethod.Get, tenant.BasePath + "/Users", null),
            await host.Client("scim_nosuchtenant_" + new string('a', 64)).SendJsonAsync(HttpMethod.Get, "/scim/v2/nosuchtenant/Users", null),
            await host.Client(suspended.Token).SendJsonAsync(HttpMethod.Get, suspended.BasePath + "/Users", null),
            await host.Client().SendJsonAsync(HttpMethod.Get, tenant.BasePath + "/Users", null),
        };

        Assert.All(answers, r => r.AssertScimError(401));
        Assert.Single(answers.Select(r => r.RawBody).Distinct());
        Assert.All(answers, r => Assert.Equal("Bearer", r.Headers.WwwAuthenticate.ToString()));
    }
}
