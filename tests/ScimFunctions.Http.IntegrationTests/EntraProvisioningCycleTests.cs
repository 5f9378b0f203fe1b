using System.Text.Json.Nodes;
using ScimFunctions.Http.IntegrationTests.Support;

namespace ScimFunctions.Http.IntegrationTests;

/// <summary>Microsoft Entra ID's provisioning traffic, as docs/idp-behaviours.md describes it, end to end.</summary>
public sealed class EntraProvisioningCycleTests(ScimTestHost host) : IClassFixture<ScimTestHost>
{
    [Fact]
    public async Task Test_connection_filter_on_a_random_guid_is_200_with_an_empty_list()
    {
        using var entra = await host.CreateTenantAsync();

        var response = await entra.GetAsync($"/Users?filter={Scim.Filter($"userName eq \"{Guid.NewGuid()}\"")}");

        response.AssertStatus(200);
        Assert.Equal("application/scim+json", response.MediaType);
        Assert.Equal(0, response.Body!["totalResults"]!.GetValue<long>());
        Assert.Empty(response.Resources);
    }

    [Fact]
    public async Task User_cycle_create_match_deactivate_update_manager_duplicate_and_delete()
    {
        using var entra = await host.CreateTenantAsync();
        var userName = Scim.UniqueName();
        var externalId = Guid.NewGuid().ToString();
        var body = Scim.User(userName, externalId);
        body["schemas"]!.AsArray().Add(Scim.EnterpriseSchema);
        body[Scim.EnterpriseSchema] = new JsonObject { ["department"] = "Sales" };
        body["roles"] = new JsonArray(new JsonObject { ["value"] = "reader", ["primary"] = "True" });

        var created = await entra.PostAsync("/Users", body);
        created.AssertStatus(201);
        var id = (string)created.Body!["id"]!;
        var location = created.Headers.Location!.ToString();
        Assert.Equal($"http://localhost{entra.BasePath}/Users/{id}", location);
        Assert.Equal(location, (string?)created.Body["meta"]!["location"]);
        Assert.Equal(created.ETag, (string?)created.Body["meta"]!["version"]);

        var byUserName = await entra.GetAsync($"/Users?filter={Scim.Filter($"userName eq \"{userName.ToUpperInvariant()}\"")}");
        Assert.Equal(id, (string?)Assert.Single(byUserName.Resources)["id"]);
        var byExternalId = await entra.GetAsync($"/Users?filter={Scim.Filter($"externalId eq \"{externalId}\"")}");
        Assert.Equal(id, (string?)Assert.Single(byExternalId.Resources)["id"]);

        var deactivate = await entra.PatchAsync($"/Users/{id}", Scim.Patch(Scim.Op("Replace", "active", "False")));
        deactivate.AssertStatus(204);
        var deactivated = await entra.GetAsync($"/Users/{id}");
        Assert.False(deactivated.Body!["active"]!.GetValue<bool>());
        Assert.Single((await entra.GetAsync($"/Users?filter={Scim.Filter($"userName eq \"{userName}\"")}")).Resources);

        var pathless = await entra.PatchAsync($"/Users/{id}", Scim.Patch(Scim.Op("replace", null, new JsonObject
        {
            ["name.givenName"] = "Ada",
            [Scim.EnterpriseSchema + ":employeeNumber"] = "7",
        })));
        pathless.AssertStatus(204);
        var renamed = (await entra.GetAsync($"/Users/{id}")).Body!;
        Assert.Equal("Ada", (string?)renamed["name"]!["givenName"]);
        Assert.Equal("7", (string?)renamed[Scim.EnterpriseSchema]!["employeeNumber"]);

        var managerId = await entra.CreateUserAsync(Scim.UniqueName("manager"));
        (await entra.PatchAsync($"/Users/{id}", Scim.Patch(Scim.Op("Add", "manager", new JsonArray(new JsonObject { ["$ref"] = null, ["value"] = managerId })))))
            .AssertStatus(204);
        Assert.Equal(managerId, (string?)(await entra.GetAsync($"/Users/{id}")).Body![Scim.EnterpriseSchema]!["manager"]!["value"]);
        (await entra.PatchAsync($"/Users/{id}", Scim.Patch(Scim.Op("Remove", "manager", null)))).AssertStatus(204);
        Assert.Null((await entra.GetAsync($"/Users/{id}")).Body![Scim.EnterpriseSchema]?["manager"]);

        // Entra retries a slow POST and meets 409; the retry converges by finding the user.
        var duplicate = await entra.PostAsync("/Users", Scim.User(userName, externalId));
        duplicate.AssertScimError(409, "uniqueness");
        Assert.Equal(id, (string?)Assert.Single((await entra.GetAsync($"/Users?filter={Scim.Filter($"userName eq \"{userName}\"")}")).Resources)["id"]);

        (await entra.DeleteAsync($"/Users/{id}")).AssertStatus(204);
        (await entra.GetAsync($"/Users/{id}")).AssertScimError(404);
        (await entra.DeleteAsync($"/Users/{id}")).AssertScimError(404);
    }

    [Fact]
    public async Task Group_cycle_empty_create_excluded_members_value_array_add_and_remove_and_membership_check()
    {
        using var entra = await host.CreateTenantAsync();
        var first = await entra.CreateUserAsync(Scim.UniqueName());
        var second = await entra.CreateUserAsync(Scim.UniqueName());
        var displayName = "Group " + Guid.NewGuid().ToString("N");

        var groupId = await entra.CreateGroupAsync(displayName);
        var add = Scim.Patch(Scim.Op("Add", "members", new JsonArray(new JsonObject { ["value"] = first }, new JsonObject { ["value"] = second })));
        (await entra.PatchAsync($"/Groups/{groupId}", add)).AssertStatus(204);

        var withoutMembers = await entra.GetAsync($"/Groups/{groupId}?excludedAttributes=members");
        withoutMembers.AssertStatus(200);
        Assert.Equal(displayName, (string?)withoutMembers.Body!["displayName"]);
        Assert.Null(withoutMembers.Body["members"]);
        var filtered = await entra.GetAsync($"/Groups?excludedAttributes=members&filter={Scim.Filter($"displayName eq \"{displayName}\"")}");
        Assert.Null(Assert.Single(filtered.Resources)["members"]);

        var isMember = await entra.GetAsync($"/Groups?filter={Scim.Filter($"id eq \"{groupId}\" and members eq \"{first}\"")}&excludedAttributes=members");
        Assert.Single(isMember.Resources);

        var remove = Scim.Patch(Scim.Op("Remove", "members", new JsonArray(new JsonObject { ["value"] = first })));
        (await entra.PatchAsync($"/Groups/{groupId}", remove)).AssertStatus(204);
        var members = (await entra.GetAsync($"/Groups/{groupId}")).Body!["members"]!.AsArray().Select(m => (string?)m!["value"]).ToList();
        Assert.Equal([second], members);
        Assert.Empty((await entra.GetAsync($"/Groups?filter={Scim.Filter($"id eq \"{groupId}\" and members eq \"{first}\"")}")).Resources);

        // A redundant add of an existing member is a no-op, not an error.
        (await entra.PatchAsync($"/Groups/{groupId}", Scim.Patch(Scim.Op("Add", "members", new JsonArray(new JsonObject { ["value"] = second }))))).AssertStatus(204);

        (await entra.PostAsync("/Groups", Scim.Group(displayName))).AssertScimError(409, "uniqueness");
    }
}
