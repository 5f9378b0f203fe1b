using ScimFunctions.Core.Errors;
using ScimFunctions.Core.Resources;
using ScimFunctions.Storage.Abstractions;
using ScimFunctions.Testing;
using static ScimFunctions.Storage.IntegrationTests.StorageHarness;

namespace ScimFunctions.Storage.IntegrationTests;

public sealed class DeleteTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Deleting_a_user_removes_it_from_every_group_and_frees_its_userName()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync();
        var user = await store.CreateAsync(UserType, User("alice", externalId: "e1"), WriteContext.None);
        var other = await store.CreateAsync(UserType, User("bob"), WriteContext.None);
        var groups = new List<StoredResource>();
        for (var i = 0; i < 5; i++)
        {
            groups.Add(await store.CreateAsync(GroupType, Group($"G{i}", user.Id, other.Id), WriteContext.None));
        }

        await store.DeleteAsync(UserType, user.Id, null, WriteContext.None);

        Assert.Null(await store.GetAsync(UserType, user.Id, AttributeSelection.Default));
        foreach (var group in groups)
        {
            Assert.Equal([other.Id], MemberIds((await store.GetAsync(GroupType, group.Id, AttributeSelection.Default))!));
        }

        await store.CreateAsync(UserType, User("alice", externalId: "e1"), WriteContext.None);
        Assert.True((await harness.CheckAsync(store)).IsConsistent);
    }

    [Fact]
    public async Task Deleting_a_group_removes_its_member_rows_and_the_users_groups()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync();
        var user = await store.CreateAsync(UserType, User("alice"), WriteContext.None);
        var group = await store.CreateAsync(GroupType, Group("G", user.Id), WriteContext.None);
        var parent = await store.CreateAsync(GroupType, Group("Parent", group.Id), WriteContext.None);

        await store.DeleteAsync(GroupType, group.Id, null, WriteContext.None);

        Assert.Empty(GroupIds((await store.GetAsync(UserType, user.Id, AttributeSelection.Default))!));
        Assert.Empty(MemberIds((await store.GetAsync(GroupType, parent.Id, AttributeSelection.Default))!));
        Assert.Equal(1, await store.CountAsync(GroupType));
        Assert.True((await harness.CheckAsync(store)).IsConsistent);
    }

    [Fact]
    public async Task Delete_twice_is_404_the_second_time()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync();
        var user = await store.CreateAsync(UserType, User("alice"), WriteContext.None);

        await store.DeleteAsync(UserType, user.Id, null, WriteContext.None);
        var error = await Assert.ThrowsAsync<ScimException>(() => store.DeleteAsync(UserType, user.Id, null, WriteContext.None));

        Assert.Equal(404, error.Status);
    }

    [Fact]
    public async Task Delete_with_a_stale_If_Match_is_412_and_keeps_the_resource()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync();
        var user = await store.CreateAsync(UserType, User("alice"), WriteContext.None);
        await store.ReplaceAsync(UserType, user.Id, User("alice", displayName: "A"), null, WriteContext.None);

        var error = await Assert.ThrowsAsync<ScimException>(() => store.DeleteAsync(UserType, user.Id, user.Version, WriteContext.None));

        Assert.Equal(412, error.Status);
        Assert.NotNull(await store.GetAsync(UserType, user.Id, AttributeSelection.Default));
    }

    [Fact]
    public async Task A_group_of_250_members_is_written_in_chunks_and_deleted_completely()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync();
        var users = new List<StoredResource>();
        foreach (var chunk in Enumerable.Range(0, 250).Chunk(50))
        {
            users.AddRange(await Task.WhenAll(chunk.Select(i => store.CreateAsync(UserType, User($"user{i}"), WriteContext.None))));
        }

        var group = await store.CreateAsync(GroupType, Group("Big", [.. users.Select(u => u.Id)]), WriteContext.None);
        Assert.Equal(250, MemberIds((await store.GetAsync(GroupType, group.Id, AttributeSelection.Default))!).Count);

        using (var scope = harness.Requests.BeginScope("get without members"))
        {
            var light = await store.GetAsync(GroupType, group.Id, Exclude(GroupType, "members"));
            Assert.Null(light!.Resource["members"]);
            Assert.Equal(1, scope.Count);
        }

        await store.DeleteAsync(GroupType, group.Id, null, WriteContext.None);

        Assert.Empty(GroupIds((await store.GetAsync(UserType, users[249].Id, AttributeSelection.Default))!));
        Assert.True((await harness.CheckAsync(store)).IsConsistent);
    }
}
