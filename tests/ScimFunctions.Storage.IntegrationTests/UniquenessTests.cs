using ScimFunctions.Core.Errors;
using ScimFunctions.Core.Resources;
using ScimFunctions.Storage.Abstractions;
using ScimFunctions.Testing;
using static ScimFunctions.Storage.IntegrationTests.StorageHarness;

namespace ScimFunctions.Storage.IntegrationTests;

public sealed class UniquenessTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task UserName_is_unique_case_insensitively()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync();
        await store.CreateAsync(UserType, User("Alice@Example.com"), WriteContext.None);

        var error = await Assert.ThrowsAsync<ScimException>(() => store.CreateAsync(UserType, User("alice@example.COM"), WriteContext.None));

        Assert.Equal(409, error.Status);
        Assert.Equal(ScimType.Uniqueness, error.ScimType);
        Assert.Equal(1, await store.CountAsync(UserType));
    }

    [Fact]
    public async Task ExternalId_is_unique_case_exactly()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync();
        await store.CreateAsync(UserType, User("a", externalId: "Ext"), WriteContext.None);

        await store.CreateAsync(UserType, User("b", externalId: "ext"), WriteContext.None);
        var error = await Assert.ThrowsAsync<ScimException>(() => store.CreateAsync(UserType, User("c", externalId: "Ext"), WriteContext.None));

        Assert.Equal(409, error.Status);
        Assert.Equal(2, await store.CountAsync(UserType));
    }

    [Fact]
    public async Task Group_displayName_is_unique_case_insensitively()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync();
        await store.CreateAsync(GroupType, Group("Sales"), WriteContext.None);

        var error = await Assert.ThrowsAsync<ScimException>(() => store.CreateAsync(GroupType, Group("SALES"), WriteContext.None));

        Assert.Equal(409, error.Status);
        Assert.Equal(ScimType.Uniqueness, error.ScimType);
    }

    [Fact]
    public async Task Renaming_to_a_taken_userName_is_409_and_changes_nothing()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync();
        await store.CreateAsync(UserType, User("taken"), WriteContext.None);
        var bob = await store.CreateAsync(UserType, User("bob"), WriteContext.None);

        var error = await Assert.ThrowsAsync<ScimException>(() => store.PatchAsync(UserType, bob.Id, Patch("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"userName","value":"TAKEN"}]}"""), Core.CompatibilityOptions.Default, null, WriteContext.None));

        Assert.Equal(409, error.Status);
        var read = await store.GetAsync(UserType, bob.Id, AttributeSelection.Default);
        Assert.Equal("bob", (string?)read!.Resource["userName"]);
        Assert.Equal(bob.Version, read.Version);
        Assert.True((await harness.CheckAsync(store)).IsConsistent);
    }

    [Fact]
    public async Task Renaming_frees_the_old_userName_and_a_case_change_keeps_the_user()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync();
        var bob = await store.CreateAsync(UserType, User("bob"), WriteContext.None);

        await store.PatchAsync(UserType, bob.Id, Patch("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"userName","value":"robert"}]}"""), Core.CompatibilityOptions.Default, null, WriteContext.None);
        await store.CreateAsync(UserType, User("bob"), WriteContext.None);
        await store.PatchAsync(UserType, bob.Id, Patch("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"userName","value":"Robert"}]}"""), Core.CompatibilityOptions.Default, null, WriteContext.None);

        var found = await store.QueryAsync(UserType, ListQuery(UserType, "userName eq \"ROBERT\""));
        Assert.Equal(bob.Id, found.Resources.Single().Id);
        Assert.True((await harness.CheckAsync(store)).IsConsistent);
    }

    [Fact]
    public async Task Fifty_parallel_creates_of_one_userName_give_one_success_and_49_uniqueness_conflicts()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
        {
            try
            {
                await store.CreateAsync(UserType, User(i % 2 == 0 ? "race@example.com" : "RACE@example.com"), WriteContext.None);
                return "created";
            }
            catch (ScimException ex) when (ex.Status == 409 && ex.ScimType == ScimType.Uniqueness)
            {
                return "uniqueness";
            }
        }));

        Assert.Equal(1, outcomes.Count(o => o == "created"));
        Assert.Equal(49, outcomes.Count(o => o == "uniqueness"));
        Assert.Equal(1, await store.CountAsync(UserType));
        Assert.True((await harness.CheckAsync(store)).IsConsistent);
    }
}
