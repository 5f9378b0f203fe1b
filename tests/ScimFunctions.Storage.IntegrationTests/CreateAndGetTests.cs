using ScimFunctions.Core.Resources;
using ScimFunctions.Storage.Abstractions;
using ScimFunctions.Testing;
using static ScimFunctions.Storage.IntegrationTests.StorageHarness;

namespace ScimFunctions.Storage.IntegrationTests;

public sealed class CreateAndGetTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Create_assigns_a_guid_id_meta_and_a_weak_version_and_get_returns_the_same_document()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync();

        var created = await store.CreateAsync(UserType, User("alice", "ext-1"), WriteContext.None);

        Assert.True(Guid.TryParseExact(created.Id, "D", out _));
        Assert.StartsWith("W/\"", created.Version, StringComparison.Ordinal);
        Assert.Equal("User", (string?)created.Resource["meta"]!["resourceType"]);
        Assert.NotNull(created.Resource["meta"]!["created"]);
        var read = await store.GetAsync(UserType, created.Id, AttributeSelection.Default);
        Assert.NotNull(read);
        Assert.Equal(created.Version, read.Version);
        Assert.Equal("alice", (string?)read.Resource["userName"]);
        Assert.Equal("ext-1", (string?)read.Resource["externalId"]);
        Assert.Equal(created.Version, (string?)read.Resource["meta"]!["version"]);
    }

    [Theory]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("not-a-guid")]
    [InlineData("../x")]
    [InlineData("a'b")]
    public async Task Get_of_an_unknown_id_is_null(string id)
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync();

        Assert.Null(await store.GetAsync(UserType, id, AttributeSelection.Default));
        Assert.Null(await store.GetAsync(GroupType, id, AttributeSelection.Default));
    }

    [Fact]
    public async Task A_group_created_with_members_shows_them_and_each_user_shows_the_group()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync();
        var alice = await store.CreateAsync(UserType, User("alice"), WriteContext.None);
        var bob = await store.CreateAsync(UserType, User("bob"), WriteContext.None);

        var group = await store.CreateAsync(GroupType, Group("Admins", alice.Id, bob.Id), WriteContext.None);

        Assert.Equal(new[] { alice.Id, bob.Id }.Order(StringComparer.Ordinal), MemberIds(group));
        var read = await store.GetAsync(GroupType, group.Id, AttributeSelection.Default);
        Assert.Equal(new[] { alice.Id, bob.Id }.Order(StringComparer.Ordinal), MemberIds(read!));
        Assert.Equal([group.Id], GroupIds((await store.GetAsync(UserType, alice.Id, AttributeSelection.Default))!));
        Assert.True((await harness.CheckAsync(store)).IsConsistent);
    }

    [Fact]
    public async Task Excluding_members_returns_the_group_without_them()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync();
        var alice = await store.CreateAsync(UserType, User("alice"), WriteContext.None);
        var group = await store.CreateAsync(GroupType, Group("Admins", alice.Id), WriteContext.None);

        var read = await store.GetAsync(GroupType, group.Id, Exclude(GroupType, "members"));

        Assert.NotNull(read);
        Assert.Null(read.Resource["members"]);
        Assert.Equal("Admins", (string?)read.Resource["displayName"]);
    }

    [Fact]
    public async Task A_member_that_does_not_exist_is_400_invalidValue_and_nothing_is_written()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync();

        var error = await Assert.ThrowsAsync<Core.Errors.ScimException>(() => store.CreateAsync(GroupType, Group("Admins", Guid.NewGuid().ToString()), WriteContext.None));

        Assert.Equal(400, error.Status);
        Assert.Equal(Core.Errors.ScimType.InvalidValue, error.ScimType);
        Assert.Equal(0, await store.CountAsync(GroupType));
        Assert.True((await harness.CheckAsync(store)).IsConsistent);
    }

    [Fact]
    public async Task A_group_can_be_a_member_of_another_group()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync();
        var inner = await store.CreateAsync(GroupType, Group("Inner"), WriteContext.None);

        var outer = await store.CreateAsync(GroupType, Group("Outer", inner.Id), WriteContext.None);

        var members = (await store.GetAsync(GroupType, outer.Id, AttributeSelection.Default))!.Resource["members"]!.AsArray();
        Assert.Equal("Group", (string?)members.Single()!["type"]);
        Assert.True((await harness.CheckAsync(store)).IsConsistent);
    }
}
