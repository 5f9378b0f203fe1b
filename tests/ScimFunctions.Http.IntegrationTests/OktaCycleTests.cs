using System.Text.Json.Nodes;
using ScimFunctions.Http.IntegrationTests.Support;

namespace ScimFunctions.Http.IntegrationTests;

/// <summary>Okta's import and push traffic, as docs/idp-behaviours.md describes it, end to end.</summary>
public sealed class OktaCycleTests(ScimTestHost host) : IClassFixture<ScimTestHost>
{
    private static readonly JsonObject _fastPolicy = new() { ["requestsPerSecond"] = 100_000 };

    [Fact]
    public async Task Existence_check_with_startIndex_and_count_is_an_empty_list_with_numbers()
    {
        using var okta = await host.CreateTenantAsync();

        var response = await okta.GetAsync($"/Users?filter={Scim.Filter("userName eq \"nobody@example.com\"")}&startIndex=1&count=100");

        response.AssertStatus(200);
        Assert.Equal(System.Text.Json.JsonValueKind.Number, response.Body!["totalResults"]!.GetValueKind());
        Assert.Equal(0, response.Body["totalResults"]!.GetValue<long>());
    }

    [Fact]
    public async Task Import_pages_1_101_201_are_disjoint_complete_and_in_the_same_order_every_time()
    {
        using var okta = await host.CreateTenantAsync(policy: (JsonObject)_fastPolicy.DeepClone());
        var created = new List<string>();
        foreach (var chunk in Enumerable.Range(0, 205).Chunk(16))
        {
            created.AddRange(await Task.WhenAll(chunk.Select(i => okta.CreateUserAsync($"import{i:D3}.{Guid.NewGuid():N}@example.com"))));
        }

        var pages = new List<List<string>>();
        foreach (var start in new[] { 1, 101, 201 })
        {
            var page = await okta.GetAsync($"/Users?startIndex={start}&count=100");
            page.AssertStatus(200);
            Assert.Equal(205, page.Body!["totalResults"]!.GetValue<long>());
            Assert.Equal(start, page.Body["startIndex"]!.GetValue<int>());
            Assert.Equal(page.Resources.Count, page.Body["itemsPerPage"]!.GetValue<int>());
            pages.Add(page.Resources.Select(r => (string)r["id"]!).ToList());
        }

        Assert.Equal([100, 100, 5], pages.Select(p => p.Count));
        Assert.Equal(created.Order(StringComparer.Ordinal), pages.SelectMany(p => p).Order(StringComparer.Ordinal));
        var again = await okta.GetAsync("/Users?startIndex=101&count=100");
        Assert.Equal(pages[1], again.Resources.Select(r => (string)r["id"]!));
    }

    [Fact]
    public async Task Create_with_application_json_then_get_and_put_and_deactivate_with_pathless_patch()
    {
        using var okta = await host.CreateTenantAsync();
        var userName = Scim.UniqueName();
        var body = Scim.User(userName);
        body["locale"] = "en-US";
        body["groups"] = new JsonArray();
        body["password"] = "S3cret-Passw0rd!";

        var created = await okta.PostAsync("/Users", body, contentType: "application/json");
        created.AssertStatus(201);
        Assert.NotEmpty(created.RawBody);
        Assert.Null(created.Body!["password"]);
        var id = (string)created.Body["id"]!;

        var current = (await okta.GetAsync($"/Users/{id}")).Body!.AsObject();
        current["name"]!["familyName"] = "Lovelace";
        current["title"] = "Engineer";
        var replaced = await okta.PutAsync($"/Users/{id}", current);
        replaced.AssertStatus(200);
        Assert.Equal("Lovelace", (string?)replaced.Body!["name"]!["familyName"]);
        Assert.Equal("Engineer", (string?)replaced.Body["title"]);

        (await okta.PatchAsync($"/Users/{id}", Scim.Patch(Scim.Op("replace", null, new JsonObject { ["active"] = false })))).AssertStatus(204);
        Assert.False((await okta.GetAsync($"/Users/{id}")).Body!["active"]!.GetValue<bool>());
        (await okta.PatchAsync($"/Users/{id}", Scim.Patch(Scim.Op("replace", null, new JsonObject { ["active"] = true })))).AssertStatus(204);
        Assert.True((await okta.GetAsync($"/Users/{id}")).Body!["active"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Group_push_combines_member_remove_add_and_rename_in_one_patch()
    {
        using var okta = await host.CreateTenantAsync();
        var leaving = await okta.CreateUserAsync(Scim.UniqueName());
        var joining = await okta.CreateUserAsync(Scim.UniqueName());
        var groupId = await okta.CreateGroupAsync("Okta " + Guid.NewGuid().ToString("N"), leaving);
        var newName = "Renamed " + Guid.NewGuid().ToString("N");

        var patch = Scim.Patch(
            Scim.Op("remove", $"members[value eq \"{leaving}\"]", null),
            Scim.Op("add", "members", new JsonArray(new JsonObject { ["value"] = joining, ["display"] = "Joining" })),
            Scim.Op("replace", null, new JsonObject { ["id"] = groupId, ["displayName"] = newName }));
        (await okta.PatchAsync($"/Groups/{groupId}", patch)).AssertStatus(204);

        var group = (await okta.GetAsync($"/Groups/{groupId}")).Body!;
        Assert.Equal(newName, (string?)group["displayName"]);
        Assert.Equal([joining], group["members"]!.AsArray().Select(m => (string?)m!["value"]));
    }
}
