using ScimFunctions.Core;
using ScimFunctions.Core.Errors;
using ScimFunctions.Core.Resources;
using ScimFunctions.Storage.Abstractions;
using ScimFunctions.Testing;
using static ScimFunctions.Storage.IntegrationTests.StorageHarness;

namespace ScimFunctions.Storage.IntegrationTests;

public sealed class UpdateTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string PatchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    [Fact]
    public async Task Patch_changes_the_document_and_the_version()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync();
        var user = await store.CreateAsync(UserType, User("alice"), WriteContext.None);

        var patched = await store.PatchAsync(UserType, user.Id, Patch($$"""{"schemas":["{{PatchOp}}"],"Operations":[{"op":"Replace","path":"active","value":"False"}]}"""), CompatibilityOptions.Default, null, WriteContext.None);

        Assert.NotEqual(user.Version, patched.Version);
        var read = await store.GetAsync(UserType, user.Id, AttributeSelection.Default);
        Assert.False((bool)read!.Resource["active"]!);
        Assert.Equal(patched.Version, read.Version);
    }

    [Fact]
    public async Task Patch_with_a_stale_If_Match_is_412_and_changes_nothing()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync();
        var user = await store.CreateAsync(UserType, User("alice"), WriteContext.None);
        await store.PatchAsync(UserType, user.Id, Patch($$"""{"schemas":["{{PatchOp}}"],"Operations":[{"op":"replace","path":"displayName","value":"A"}]}"""), CompatibilityOptions.Default, null, WriteContext.None);

        var error = await Assert.ThrowsAsync<ScimException>(() => store.PatchAsync(UserType, user.Id, Patch($$"""{"schemas":["{{PatchOp}}"],"Operations":[{"op":"replace","path":"displayName","value":"B"}]}"""), CompatibilityOptions.Default, user.Version, WriteContext.None));

        Assert.Equal(412, error.Status);
        Assert.Equal("A", (string?)(await store.GetAsync(UserType, user.Id, AttributeSelection.Default))!.Resource["displayName"]);
    }

    [Fact]
    public async Task Patch_of_a_missing_resource_is_404()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync();

        var error = await Assert.ThrowsAsync<ScimException>(() => store.PatchAsync(UserType, Guid.NewGuid().ToString(), Patch($$"""{"schemas":["{{PatchOp}}"],"Operations":[{"op":"replace","path":"displayName","value":"A"}]}"""), CompatibilityOptions.Default, null, WriteContext.None));

        Assert.Equal(404, error.Status);
    }

    [Fact]
    public async Task Okta_style_remove_by_filter_and_add_in_one_patch_and_Entra_style_remove_by_value_array()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync();
        var users = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => store.CreateAsync(UserType, User($"u{i}"), WriteContext.None)));
        var group = await store.CreateAsync(GroupType, Group("Team", users[0].Id, users[1].Id), WriteContext.None);

        await store.PatchAsync(GroupType, group.Id, Patch($$$"""
            {"schemas":["{{{PatchOp}}}"],"Operations":[
              {"op":"remove","path":"members[value eq \"{{{users[0].Id}}}\"]"},
              {"op":"add","path":"members","value":[{"value":"{{{users[2].Id}}}"},{"value":"{{{users[3].Id}}}"}]},
              {"op":"replace","value":{"id":"{{{group.Id}}}","displayName":"Team 2"}}]}
            """), CompatibilityOptions.Default, null, WriteContext.None);
        await store.PatchAsync(GroupType, group.Id, RemoveMembers(users[1].Id, Guid.NewGuid().ToString()), CompatibilityOptions.Default, null, WriteContext.None);

        var read = await store.GetAsync(GroupType, group.Id, AttributeSelection.Default);
        Assert.Equal(new[] { users[2].Id, users[3].Id }.Order(StringComparer.Ordinal), MemberIds(read!));
        Assert.Equal("Team 2", (string?)read!.Resource["displayName"]);
        Assert.Empty(GroupIds((await store.GetAsync(UserType, users[0].Id, AttributeSelection.Default))!));
        Assert.True((await harness.CheckAsync(store)).IsConsistent);
    }

    [Fact]
    public async Task Adding_an_existing_member_is_a_no_op_and_a_member_change_changes_the_group_version()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync();
        var user = await store.CreateAsync(UserType, User("u"), WriteContext.None);
        var group = await store.CreateAsync(GroupType, Group("Team", user.Id), WriteContext.None);

        var patched = await store.PatchAsync(GroupType, group.Id, AddMembers(user.Id), CompatibilityOptions.Default, null, WriteContext.None);

        Assert.NotEqual(group.Version, patched.Version);
        Assert.Equal([user.Id], MemberIds((await store.GetAsync(GroupType, group.Id, AttributeSelection.Default))!));
        Assert.True((await harness.CheckAsync(store)).IsConsistent);
    }

    [Fact]
    public async Task Remove_members_by_a_filter_on_display_uses_the_stored_member_list()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync();
        var a = await store.CreateAsync(UserType, User("a"), WriteContext.None);
        var b = await store.CreateAsync(UserType, User("b"), WriteContext.None);
        var group = await store.CreateAsync(GroupType, Group("Team"), WriteContext.None);
        await store.PatchAsync(GroupType, group.Id, Patch($$"""{"schemas":["{{PatchOp}}"],"Operations":[{"op":"add","path":"members","value":[{"value":"{{a.Id}}","display":"Ann"},{"value":"{{b.Id}}","display":"Bo"}]}]}"""), CompatibilityOptions.Default, null, WriteContext.None);

        await store.PatchAsync(GroupType, group.Id, Patch($$"""{"schemas":["{{PatchOp}}"],"Operations":[{"op":"remove","path":"members[display eq \"Ann\"]"}]}"""), CompatibilityOptions.Default, null, WriteContext.None);

        Assert.Equal([b.Id], MemberIds((await store.GetAsync(GroupType, group.Id, AttributeSelection.Default))!));
    }

    [Fact]
    public async Task Put_replaces_the_document_and_the_member_list()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync();
        var users = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => store.CreateAsync(UserType, User($"u{i}"), WriteContext.None)));
        var group = await store.CreateAsync(GroupType, Group("Team", users[0].Id, users[1].Id), WriteContext.None);

        var replaced = await store.ReplaceAsync(GroupType, group.Id, Group("Renamed", users[1].Id, users[2].Id), null, WriteContext.None);

        Assert.Equal(new[] { users[1].Id, users[2].Id }.Order(StringComparer.Ordinal), MemberIds(replaced));
        var read = await store.GetAsync(GroupType, group.Id, AttributeSelection.Default);
        Assert.Equal("Renamed", (string?)read!.Resource["displayName"]);
        Assert.Equal(new[] { users[1].Id, users[2].Id }.Order(StringComparer.Ordinal), MemberIds(read));
        Assert.Equal(group.Resource["meta"]!["created"]!.ToString(), read.Resource["meta"]!["created"]!.ToString());
        Assert.True((await harness.CheckAsync(store)).IsConsistent);
    }

    [Fact]
    public async Task Put_of_a_user_drops_attributes_not_given_and_keeps_id_and_created()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync();
        var user = await store.CreateAsync(UserType, User("alice", externalId: "x1", displayName: "Alice"), WriteContext.None);

        await store.ReplaceAsync(UserType, user.Id, User("alice2"), null, WriteContext.None);

        var read = await store.GetAsync(UserType, user.Id, AttributeSelection.Default);
        Assert.Equal("alice2", (string?)read!.Resource["userName"]);
        Assert.Null(read.Resource["displayName"]);
        Assert.Null(read.Resource["externalId"]);
        Assert.Equal(user.Id, read.Id);
        var found = await store.QueryAsync(UserType, ListQuery(UserType, "externalId eq \"x1\""));
        Assert.Empty(found.Resources);
        Assert.True((await harness.CheckAsync(store)).IsConsistent);
    }
}
