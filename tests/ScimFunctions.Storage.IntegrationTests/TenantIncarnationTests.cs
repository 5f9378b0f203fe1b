using Azure.Data.Tables;
using ScimFunctions.Core;
using ScimFunctions.Core.Errors;
using ScimFunctions.Storage.Abstractions;
using ScimFunctions.Storage.Consistency;
using ScimFunctions.Storage.Tenants;
using ScimFunctions.Testing;
using static ScimFunctions.Storage.IntegrationTests.StorageHarness;

namespace ScimFunctions.Storage.IntegrationTests;

/// <summary>
/// Every life of a tenant id has its own partition: what a deleted incarnation wrote, even after its delete from a
/// process that still had it cached, is never seen by the re-created tenant, and the purge removes it.
/// </summary>
public sealed class TenantIncarnationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_re_created_tenant_starts_empty_although_a_stale_store_kept_writing_after_the_delete()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var id = TenantId.Parse(TestNames.TenantId());
        var first = await harness.Storage.Tenants.CreateAsync(new TenantRecord { Id = id });
        var stale = harness.Storage.GetStore(first); // what another process still holds for its cache lifetime
        var before = await stale.CreateAsync(UserType, User("before"), WriteContext.None);
        var oldCursor = (await stale.ReadChangesAsync(null, 10)).NextCursor;

        await harness.Storage.Tenants.DeleteAsync(id);
        var ghost = await stale.CreateAsync(UserType, User("ghost"), WriteContext.None);
        var second = await harness.Storage.Tenants.CreateAsync(new TenantRecord { Id = id });
        var late = await stale.CreateAsync(UserType, User("late"), WriteContext.None);
        var store = await harness.Storage.Stores.GetStoreAsync(id);

        Assert.NotNull(first.Incarnation);
        Assert.NotEqual(first.Incarnation, second.Incarnation);
        Assert.Equal(0, (await store.QueryAsync(UserType, ListQuery(UserType))).TotalResults);
        Assert.Equal(0, await store.CountAsync(UserType));
        Assert.Empty((await store.ReadChangesAsync(null, 100)).Changes);
        foreach (var ghostId in new[] { before.Id, ghost.Id, late.Id })
        {
            Assert.Null(await store.GetAsync(UserType, ghostId, Core.Resources.AttributeSelection.Default));
        }

        // The new incarnation reuses the user name freely: no ghost index row holds it.
        await store.CreateAsync(UserType, User("ghost"), WriteContext.None);
        var replayed = await Assert.ThrowsAsync<ScimException>(() => store.ReadChangesAsync(oldCursor, 10));
        Assert.Equal(400, replayed.Status);

        var purge = await harness.Storage.Tenants.PurgeDeletedAsync();
        Assert.Equal(1, purge.Tombstones);
        Assert.True(purge.RowsRemoved >= 2, $"removed {purge.RowsRemoved}");
        Assert.Empty(harness.Storage.ResourceTable.Query<TableEntity>(e => e.PartitionKey == $"{id.Value}~{first.Incarnation}"));
        Assert.True((await ConsistencyChecker.CheckAsync(harness.Storage, id)).IsConsistent);
        Assert.Equal(1, await store.CountAsync(UserType));
    }

    [Fact]
    public async Task The_purge_forgets_tombstones_only_after_the_retention_and_never_touches_a_live_tenant()
    {
        var now = DateTimeOffset.UtcNow;
        var clock = new ManualClock(now);
        var harness = await CreateAsync(azurite.ConnectionString);
        var storage = await TableStorage.CreateAsync(harness.Storage.Options, time: clock);
        var id = TenantId.Parse(TestNames.TenantId());
        var dead = await storage.Tenants.CreateAsync(new TenantRecord { Id = id });
        await storage.Tenants.DeleteAsync(id);
        var live = await storage.Tenants.CreateAsync(new TenantRecord { Id = id });
        var liveStore = storage.GetStore(live);
        await liveStore.CreateAsync(UserType, User("kept"), WriteContext.None);
        await storage.GetStore(dead).CreateAsync(UserType, User("late"), WriteContext.None);

        var early = await storage.Tenants.PurgeDeletedAsync();
        var again = await storage.Tenants.PurgeDeletedAsync();
        clock.Now = now + storage.Options.DeletedTenantRetention + TimeSpan.FromSeconds(1);
        var expired = await storage.Tenants.PurgeDeletedAsync();
        var afterwards = await storage.Tenants.PurgeDeletedAsync();

        Assert.Equal((1, 0), (early.Tombstones, early.TombstonesForgotten));
        Assert.True(early.RowsRemoved > 0);
        Assert.Equal((1, 0L, 0), (again.Tombstones, again.RowsRemoved, again.TombstonesForgotten));
        Assert.Equal((1, 0L, 1), (expired.Tombstones, expired.RowsRemoved, expired.TombstonesForgotten));
        Assert.Equal(0, afterwards.Tombstones);
        Assert.Equal(1, await liveStore.CountAsync(UserType));
        Assert.True((await ConsistencyChecker.CheckAsync(storage, id)).IsConsistent);
    }

    [Fact]
    public async Task A_tenant_registered_before_incarnations_keeps_its_data_and_its_re_creation_starts_empty()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var id = TenantId.Parse(TestNames.TenantId());
        var legacy = new TenantRecord { Id = id, Created = DateTimeOffset.UtcNow };
        var row = new TableEntity("tenant", id.Value) { ["Status"] = "Active", ["Created"] = legacy.Created, ["Isolation"] = "Pool" };
        await harness.Storage.TenantTable.AddEntityAsync(row);
        var legacyStore = harness.Storage.GetStore(legacy);
        var user = await legacyStore.CreateAsync(UserType, User("old"), WriteContext.None);

        var read = await harness.Storage.Stores.GetStoreAsync(id);
        Assert.Null((await harness.Storage.Tenants.GetAsync(id))!.Incarnation);
        Assert.NotNull(await read.GetAsync(UserType, user.Id, Core.Resources.AttributeSelection.Default));
        Assert.Single(harness.Storage.ResourceTable.Query<TableEntity>(e => e.PartitionKey == id.Value && e.RowKey.CompareTo("user|") >= 0 && e.RowKey.CompareTo("user}") < 0));

        await harness.Storage.Tenants.DeleteAsync(id);
        await legacyStore.CreateAsync(UserType, User("late"), WriteContext.None);
        await harness.Storage.Tenants.CreateAsync(new TenantRecord { Id = id });
        var recreated = await harness.Storage.Stores.GetStoreAsync(id);

        Assert.Equal(0, (await recreated.QueryAsync(UserType, ListQuery(UserType))).TotalResults);
        Assert.Equal(1, (await harness.Storage.Tenants.PurgeDeletedAsync()).RowsRemoved > 0 ? 1 : 0);
        Assert.Empty(harness.Storage.ResourceTable.Query<TableEntity>(e => e.PartitionKey == id.Value));
    }

    [Fact]
    public async Task An_update_read_from_a_deleted_incarnation_does_not_land_on_the_re_created_tenant()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var id = TenantId.Parse(TestNames.TenantId());
        var old = await harness.Storage.Tenants.CreateAsync(new TenantRecord { Id = id, DisplayName = "old" });
        await harness.Storage.Tenants.DeleteAsync(id);
        await harness.Storage.Tenants.CreateAsync(new TenantRecord { Id = id, DisplayName = "new" });

        var stale = await Assert.ThrowsAsync<ScimException>(() => harness.Storage.Tenants.UpdateAsync(old with { Status = TenantStatus.Suspended }));

        Assert.Equal(409, stale.Status);
        Assert.Equal((TenantStatus.Active, "new"), ((await harness.Storage.Tenants.GetAsync(id))!.Status, (await harness.Storage.Tenants.GetAsync(id))!.DisplayName));
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
