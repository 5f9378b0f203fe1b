using ScimFunctions.Core.Errors;
using ScimFunctions.Core.Resources;
using ScimFunctions.Storage.Abstractions;
using ScimFunctions.Testing;
using static ScimFunctions.Storage.IntegrationTests.StorageHarness;

namespace ScimFunctions.Storage.IntegrationTests;

public sealed class StorageUnavailableTests
{
    [Fact]
    public async Task Storage_that_stops_answering_is_503_with_a_message_and_works_again_after_a_restart()
    {
        await using var azurite = await AzuriteInstance.StartAsync();
        var harness = await CreateAsync(azurite.ConnectionString, o => o.NetworkTimeout = TimeSpan.FromSeconds(5));
        var store = await harness.NewTenantAsync();
        var user = await store.CreateAsync(UserType, User("alice"), WriteContext.None);

        await azurite.StopAsync();
        var read = await Assert.ThrowsAsync<ScimException>(() => store.GetAsync(UserType, user.Id, AttributeSelection.Default));
        var write = await Assert.ThrowsAsync<ScimException>(() => store.CreateAsync(UserType, User("bob"), WriteContext.None));
        await azurite.RestartAsync();

        Assert.Equal(503, read.Status);
        Assert.Equal(503, write.Status);
        Assert.DoesNotContain("127.0.0.1", read.Detail, StringComparison.Ordinal);
        Assert.NotNull(await store.GetAsync(UserType, user.Id, AttributeSelection.Default));
        await store.CreateAsync(UserType, User("bob"), WriteContext.None);
        Assert.True((await harness.CheckAsync(store)).IsConsistent);
    }
}
