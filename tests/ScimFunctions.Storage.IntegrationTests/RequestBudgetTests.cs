using ScimFunctions.Core;
using ScimFunctions.Core.Resources;
using ScimFunctions.Storage.Abstractions;
using ScimFunctions.Testing;
using static ScimFunctions.Storage.IntegrationTests.StorageHarness;

namespace ScimFunctions.Storage.IntegrationTests;

/// <summary>Storage requests per operation, counted on the wire by the <see cref="Diagnostics.StorageRequestCounter"/> policy.</summary>
public sealed class RequestBudgetTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Get_by_id_is_one_request_with_or_without_the_users_groups()
    {
        var (harness, store, user, _) = await SeedAsync();

        using (var scope = harness.Requests.BeginScope("get"))
        {
            Assert.NotNull(await store.GetAsync(UserType, user.Id, AttributeSelection.Default));
            Assert.True(scope.Count == 1, scope.ToString());
        }

        using (var scope = harness.Requests.BeginScope("get excluded"))
        {
            Assert.NotNull(await store.GetAsync(UserType, user.Id, Exclude(UserType, "groups")));
            Assert.True(scope.Count == 1, scope.ToString());
        }
    }

    [Fact]
    public async Task Filter_userName_eq_is_at_most_two_requests_however_many_users_the_tenant_has()
    {
        var (harness, store, user, _) = await SeedAsync();

        using var scope = harness.Requests.BeginScope("filter");
        var result = await store.QueryAsync(UserType, ListQuery(UserType, "userName eq \"USER7\"", startIndex: 1, count: 100));

        Assert.Equal(user.Id, Assert.Single(result.Resources).Id);
        Assert.True(scope.Count <= 2, scope.ToString());
    }

    [Fact]
    public async Task Create_is_one_request()
    {
        var (harness, store, _, _) = await SeedAsync();

        using var scope = harness.Requests.BeginScope("create");
        await store.CreateAsync(UserType, User("newcomer"), WriteContext.None);

        Assert.True(scope.Count == 1, scope.ToString());
    }

    [Fact]
    public async Task Patch_of_a_user_is_at_most_two_requests()
    {
        var (harness, store, user, _) = await SeedAsync();

        using var scope = harness.Requests.BeginScope("patch");
        await store.PatchAsync(UserType, user.Id, Patch("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"active","value":"False"}]}"""), CompatibilityOptions.Default, null, WriteContext.None);

        Assert.True(scope.Count <= 2, scope.ToString());
    }

    [Fact]
    public async Task A_member_add_is_two_requests()
    {
        var (harness, store, user, group) = await SeedAsync();

        using var scope = harness.Requests.BeginScope("member add");
        await store.PatchAsync(GroupType, group.Id, AddMembers(user.Id), CompatibilityOptions.Default, null, WriteContext.None);

        Assert.True(scope.Count <= 2, scope.ToString());
    }

    [Fact]
    public async Task Each_sequential_page_of_100_is_at_most_two_requests()
    {
        var (harness, store, _, _) = await SeedAsync(users: 250);

        for (var start = 1; start <= 201; start += 100)
        {
            using var scope = harness.Requests.BeginScope("page " + start);
            var page = await store.QueryAsync(UserType, ListQuery(UserType, startIndex: start, count: 100));
            Assert.Equal(start == 201 ? 50 : 100, page.Resources.Count);
            Assert.True(scope.Count <= 2, scope.ToString());
        }
    }

    [Fact]
    public async Task Each_cursor_page_of_100_is_at_most_two_requests()
    {
        var (harness, store, _, _) = await SeedAsync(users: 250);
        await store.QueryAsync(UserType, ListQuery(UserType, count: 1, cursor: string.Empty));

        string? cursor = string.Empty;
        while (cursor is not null)
        {
            using var scope = harness.Requests.BeginScope("cursor page");
            cursor = (await store.QueryAsync(UserType, ListQuery(UserType, count: 100, cursor: cursor))).NextCursor;
            Assert.True(scope.Count <= 2, scope.ToString());
        }
    }

    /// <summary>A tenant with users (user7 in a group) after the process has warmed its counter cache with one create.</summary>
    private async Task<(StorageHarness Harness, ITenantScimStore Store, StoredResource User7, StoredResource Group)> SeedAsync(int users = 20)
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync();
        var created = new List<StoredResource>();
        foreach (var chunk in Enumerable.Range(0, users).Chunk(50))
        {
            created.AddRange(await Task.WhenAll(chunk.Select(i => store.CreateAsync(UserType, User($"user{i}"), WriteContext.None))));
        }

        var user7 = created.Single(u => (string?)u.Resource["userName"] == "user7");
        var group = await store.CreateAsync(GroupType, Group("Team", user7.Id), WriteContext.None);
        return (harness, store, user7, group);
    }
}
