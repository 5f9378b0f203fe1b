using Azure.Data.Tables;
using ScimFunctions.Core;
using ScimFunctions.Storage.Abstractions;
using ScimFunctions.Storage.Tokens;
using ScimFunctions.Testing;

namespace ScimFunctions.Storage.IntegrationTests.Tokens;

/// <summary>A token set carries the row's ETag, and a save lands only on top of the version it was based on.</summary>
public sealed class TableTokenStoreVersionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly TenantId _tenant = TenantId.Parse(TestNames.TenantId());

    private TableTokenStore NewStore() => TableTokenStore.Create(new TableServiceClient(azurite.ConnectionString), TestNames.TableName("tok"));

    private static TenantTokenSet Set(TenantTokenSet basedOn, params string[] tokenIds) =>
        new(tokenIds.Select(id => new TokenRecord(id, TenantToken.Hash(id), DateTimeOffset.UtcNow, null)).ToList()) { Version = basedOn.Version };

    private static string[] Ids(TenantTokenSet tokens) => tokens.Tokens.Select(token => token.TokenId).ToArray();

    [Fact]
    public async Task A_read_set_carries_a_version_that_changes_with_every_save()
    {
        var store = NewStore();
        await store.SaveAsync(_tenant, Set(TenantTokenSet.Empty, "tok-1"));
        var first = await store.GetAsync(_tenant);

        await store.SaveAsync(_tenant, Set(first, "tok-1", "tok-2"));
        var second = await store.GetAsync(_tenant);

        Assert.NotNull(first.Version);
        Assert.NotNull(second.Version);
        Assert.NotEqual(first.Version, second.Version);
        Assert.Equal(["tok-1", "tok-2"], Ids(second));
    }

    [Fact]
    public async Task A_save_on_top_of_a_stale_read_throws_a_conflict_and_changes_nothing()
    {
        var store = NewStore();
        await store.SaveAsync(_tenant, Set(TenantTokenSet.Empty, "tok-1"));
        var stale = await store.GetAsync(_tenant);
        await store.SaveAsync(_tenant, Set(stale, "tok-1", "tok-2"));

        await Assert.ThrowsAsync<TokenSetConflictException>(() => store.SaveAsync(_tenant, Set(stale, "tok-1", "tok-3")));

        Assert.Equal(["tok-1", "tok-2"], Ids(await store.GetAsync(_tenant)));
    }

    [Fact]
    public async Task A_set_not_based_on_a_read_cannot_overwrite_a_stored_one()
    {
        var store = NewStore();
        await store.SaveAsync(_tenant, Set(TenantTokenSet.Empty, "tok-1"));

        await Assert.ThrowsAsync<TokenSetConflictException>(() => store.SaveAsync(_tenant, Set(TenantTokenSet.Empty, "tok-2")));

        Assert.Equal(["tok-1"], Ids(await store.GetAsync(_tenant)));
    }

    [Fact]
    public async Task A_save_based_on_a_read_from_before_a_delete_conflicts_and_the_tenant_stays_empty()
    {
        var store = NewStore();
        await store.SaveAsync(_tenant, Set(TenantTokenSet.Empty, "tok-1"));
        var beforeDelete = await store.GetAsync(_tenant);
        await store.DeleteAsync(_tenant);

        await Assert.ThrowsAsync<TokenSetConflictException>(() => store.SaveAsync(_tenant, Set(beforeDelete, "tok-1", "tok-2")));

        var after = await store.GetAsync(_tenant);
        Assert.Empty(after.Tokens);
        Assert.Null(after.Version);
    }
}
