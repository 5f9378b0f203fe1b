using ScimFunctions.Core;
using ScimFunctions.Core.Errors;
using ScimFunctions.Core.Resources;
using ScimFunctions.Storage.Abstractions;
using ScimFunctions.Testing;
using static ScimFunctions.Storage.IntegrationTests.StorageHarness;

namespace ScimFunctions.Storage.IntegrationTests;

public sealed class ConcurrencyTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Twenty_parallel_If_Match_updates_from_one_version_give_exactly_one_success()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync();
        var user = await store.CreateAsync(UserType, User("alice"), WriteContext.None);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            try
            {
                var patch = Patch($$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"displayName","value":"Name {{i}}"}]}""");
                await store.PatchAsync(UserType, user.Id, patch, CompatibilityOptions.Default, user.Version, WriteContext.None);
                return 200;
            }
            catch (ScimException ex)
            {
                return ex.Status;
            }
        }));

        Assert.Equal(1, outcomes.Count(o => o == 200));
        Assert.Equal(19, outcomes.Count(o => o == 412));
    }

    [Fact]
    public async Task Twenty_parallel_PUTs_with_If_Match_from_one_version_give_exactly_one_success()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync();
        var user = await store.CreateAsync(UserType, User("alice"), WriteContext.None);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            try
            {
                await store.ReplaceAsync(UserType, user.Id, User("alice", displayName: $"Name {i}"), user.Version, WriteContext.None);
                return 200;
            }
            catch (ScimException ex)
            {
                return ex.Status;
            }
        }));

        Assert.Equal(1, outcomes.Count(o => o == 200));
        Assert.Equal(19, outcomes.Count(o => o == 412));
    }

    [Fact]
    public async Task Parallel_updates_without_If_Match_all_apply_without_lost_updates()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync();
        var user = await store.CreateAsync(UserType, User("alice"), WriteContext.None);

        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => store.PatchAsync(UserType, user.Id,
            Patch($$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"phoneNumbers","value":[{"value":"+1 555 {{i:D4}}","type":"work"}]}]}"""),
            CompatibilityOptions.Default, null, WriteContext.None)));

        var read = await store.GetAsync(UserType, user.Id, AttributeSelection.Default);
        Assert.Equal(10, read!.Resource["phoneNumbers"]!.AsArray().Count);
    }

    [Fact]
    public async Task Two_hundred_parallel_single_member_adds_to_one_group_leave_all_200_members()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync();
        var users = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => store.CreateAsync(UserType, User($"user{i}"), WriteContext.None)));
        var group = await store.CreateAsync(GroupType, Group("Everyone"), WriteContext.None);

        await Task.WhenAll(users.Select(u => store.PatchAsync(GroupType, group.Id, AddMembers(u.Id), CompatibilityOptions.Default, null, WriteContext.None)));

        var read = await store.GetAsync(GroupType, group.Id, AttributeSelection.Default);
        Assert.Equal(users.Select(u => u.Id).Order(StringComparer.Ordinal), MemberIds(read!));
        Assert.True((await harness.CheckAsync(store)).IsConsistent);
    }
}
