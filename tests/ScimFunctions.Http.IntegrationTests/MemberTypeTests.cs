using System.Text.Json.Nodes;
using ScimFunctions.Http.IntegrationTests.Support;

namespace ScimFunctions.Http.IntegrationTests;

/// <summary>
/// A member is resolved by its id (ids are unique across resource types, RFC 7643 §3.1): a <c>type</c> that contradicts
/// what the id is (scim2-tester sends a user's id with <c>"type":"Group"</c>) is accepted and the real type is stored.
/// </summary>
public sealed class MemberTypeTests(ScimTestHost host) : IClassFixture<ScimTestHost>
{
    [Fact]
    public async Task Post_with_a_user_id_typed_Group_stores_a_User_member()
    {
        using var tenant = await host.CreateTenantAsync();
        var userId = await tenant.CreateUserAsync(Scim.UniqueName());

        var created = await tenant.PostAsync("/Groups", GroupWith(Scim.UniqueName("group"), Member(userId, "Group")));

        created.AssertStatus(201);
        await AssertMemberAsync(tenant, (string)created.Body!["id"]!, userId, "User");
    }

    [Fact]
    public async Task Post_with_a_group_id_typed_User_stores_a_Group_member()
    {
        using var tenant = await host.CreateTenantAsync();
        var inner = await tenant.CreateGroupAsync(Scim.UniqueName("inner"));

        var created = await tenant.PostAsync("/Groups", GroupWith(Scim.UniqueName("group"), Member(inner, "User")));

        created.AssertStatus(201);
        await AssertMemberAsync(tenant, (string)created.Body!["id"]!, inner, "Group");
    }

    [Fact]
    public async Task Put_with_a_contradictory_type_replaces_the_members_with_the_real_type()
    {
        using var tenant = await host.CreateTenantAsync();
        var userId = await tenant.CreateUserAsync(Scim.UniqueName());
        var groupId = await tenant.CreateGroupAsync(Scim.UniqueName("group"));

        var replaced = await tenant.PutAsync($"/Groups/{groupId}", GroupWith(Scim.UniqueName("group"), Member(userId, "Group")));

        replaced.AssertStatus(200);
        await AssertMemberAsync(tenant, groupId, userId, "User");
    }

    [Fact]
    public async Task Put_that_contradicts_the_type_of_a_current_member_keeps_the_real_type()
    {
        using var tenant = await host.CreateTenantAsync();
        var userId = await tenant.CreateUserAsync(Scim.UniqueName());
        var groupId = await tenant.CreateGroupAsync(Scim.UniqueName("group"), userId);

        var replaced = await tenant.PutAsync($"/Groups/{groupId}", GroupWith(Scim.UniqueName("group"), Member(userId, "Group")));

        replaced.AssertStatus(200);
        await AssertMemberAsync(tenant, groupId, userId, "User");
    }

    [Fact]
    public async Task Patch_add_with_a_contradictory_type_adds_the_member_with_the_real_type()
    {
        using var tenant = await host.CreateTenantAsync();
        var userId = await tenant.CreateUserAsync(Scim.UniqueName());
        var groupId = await tenant.CreateGroupAsync(Scim.UniqueName("group"));

        var patched = await tenant.PatchAsync($"/Groups/{groupId}", Scim.Patch(Scim.Op("add", "members", new JsonArray(Member(userId, "Group")))));

        patched.AssertStatus(204);
        await AssertMemberAsync(tenant, groupId, userId, "User");
    }

    [Fact]
    public async Task An_id_that_is_no_resource_is_still_a_clear_400_and_writes_nothing()
    {
        using var tenant = await host.CreateTenantAsync();
        var groupId = await tenant.CreateGroupAsync(Scim.UniqueName("group"));
        var missing = Guid.NewGuid().ToString();

        var patched = await tenant.PatchAsync($"/Groups/{groupId}", Scim.Patch(Scim.Op("add", "members", new JsonArray(Member(missing, "Group")))));

        patched.AssertStatus(400);
        Assert.Equal("invalidValue", (string?)patched.Body!["scimType"]);
        Assert.Equal($"Member '{missing}' does not exist.", (string?)patched.Body["detail"]);
        Assert.Empty((await tenant.GetAsync($"/Groups/{groupId}")).Body!["members"]?.AsArray() ?? []);
    }

    private static JsonObject Member(string id, string type) => new() { ["value"] = id, ["type"] = type };

    private static JsonObject GroupWith(string displayName, JsonObject member)
    {
        var group = Scim.Group(displayName);
        group["members"] = new JsonArray(member);
        return group;
    }

    private static async Task AssertMemberAsync(TenantClient tenant, string groupId, string memberId, string expectedType)
    {
        var group = await tenant.GetAsync($"/Groups/{groupId}");
        group.AssertStatus(200);
        var member = Assert.Single(group.Body!["members"]!.AsArray());
        Assert.Equal(memberId, (string?)member!["value"]);
        Assert.Equal(expectedType, (string?)member["type"]);
    }
}
