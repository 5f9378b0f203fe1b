using ScimFunctions.Core;
using ScimFunctions.Core.Errors;
using ScimFunctions.Storage.Abstractions;
using ScimFunctions.Storage.Events;
using ScimFunctions.Testing;
using static ScimFunctions.Storage.IntegrationTests.StorageHarness;

namespace ScimFunctions.Storage.IntegrationTests;

public sealed class ChangeFeedTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string PatchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    [Fact]
    public async Task Every_write_is_in_the_change_log_in_order_with_who_did_it_and_which_attributes_changed()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync();
        var context = new WriteContext("req-1", "token-a");
        var user = await store.CreateAsync(UserType, User("alice"), context);
        await store.PatchAsync(UserType, user.Id, Patch($$"""{"schemas":["{{PatchOp}}"],"Operations":[{"op":"replace","path":"active","value":false}]}"""), CompatibilityOptions.Default, null, context);
        await store.PatchAsync(UserType, user.Id, Patch($$"""{"schemas":["{{PatchOp}}"],"Operations":[{"op":"replace","path":"active","value":true}]}"""), CompatibilityOptions.Default, null, context);
        await store.PatchAsync(UserType, user.Id, Patch($$"""{"schemas":["{{PatchOp}}"],"Operations":[{"op":"replace","path":"name.givenName","value":"Al"}]}"""), CompatibilityOptions.Default, null, context);
        var group = await store.CreateAsync(GroupType, Group("G"), context);
        await store.PatchAsync(GroupType, group.Id, AddMembers(user.Id), CompatibilityOptions.Default, null, context);
        await store.DeleteAsync(UserType, user.Id, null, context);

        var page = await store.ReadChangesAsync(null, 100);

        Assert.Equal(
            [ChangeOperation.Created, ChangeOperation.Deactivated, ChangeOperation.Reactivated, ChangeOperation.Updated, ChangeOperation.Created, ChangeOperation.Updated, ChangeOperation.Deleted],
            page.Changes.Select(c => c.Operation));
        Assert.Equal(page.Changes.Select(c => c.Sequence).Order(), page.Changes.Select(c => c.Sequence));
        Assert.All(page.Changes, c => Assert.Equal(("req-1", "token-a"), (c.RequestId, c.Actor)));
        Assert.Equal(["name"], page.Changes[3].ChangedAttributes);
        Assert.Equal(["members"], page.Changes[5].ChangedAttributes);
        Assert.Equal(("Group", group.Id), (page.Changes[5].ResourceType, page.Changes[5].ResourceId));
    }

    [Fact]
    public async Task Change_rows_hold_what_events_need_and_are_trimmed_oldest_first_in_bounded_batches()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync();
        var user = await store.CreateAsync(UserType, User("bob", externalId: "ext-bob"), WriteContext.None);
        var other = await store.CreateAsync(UserType, User("carol"), WriteContext.None);
        var group = await store.CreateAsync(GroupType, Group("G"), WriteContext.None);
        await store.PatchAsync(GroupType, group.Id, AddMembers(user.Id), CompatibilityOptions.Default, null, WriteContext.None);
        await store.DeleteAsync(UserType, user.Id, null, WriteContext.None);

        var changes = await store.ReadChangesAfterAsync(null, 100);
        Assert.Equal(5, changes.Count);
        Assert.Equal(changes.Select(c => c.Position).Order(StringComparer.Ordinal), changes.Select(c => c.Position));
        Assert.Equal([user.Id], changes[3].Details!.MembersAdded);
        Assert.Empty(changes[3].Details!.MembersRemoved);
        Assert.Equal("ext-bob", changes[4].Details!.ExternalId);
        Assert.Equal(changes.Skip(2).Select(c => c.Position), (await store.ReadChangesAfterAsync(changes[1].Position, 100)).Select(c => c.Position));

        Assert.Equal(2, await store.TrimChangesAsync(DateTimeOffset.UtcNow.AddMinutes(1), 2));
        Assert.Equal(changes.Skip(2).Select(c => c.Position), (await store.ReadChangesAfterAsync(null, 100)).Select(c => c.Position));
        Assert.Equal(0, await store.TrimChangesAsync(changes[0].Timestamp, 100)); // nothing older than the first row remains
        Assert.Equal(3, await store.TrimChangesAsync(DateTimeOffset.UtcNow.AddMinutes(1), 100));
        Assert.Empty(await store.ReadChangesAfterAsync(null, 100));
        Assert.NotNull(other);
    }

    [Fact]
    public async Task The_cursor_continues_where_the_last_read_ended_and_sees_later_changes()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync();
        for (var i = 0; i < 5; i++)
        {
            await store.CreateAsync(UserType, User($"u{i}"), WriteContext.None);
        }

        var first = await store.ReadChangesAsync(null, 3);
        var second = await store.ReadChangesAsync(first.NextCursor, 3);
        await store.CreateAsync(UserType, User("late"), WriteContext.None);
        var third = await store.ReadChangesAsync(second.NextCursor, 3);

        Assert.Equal(3, first.Changes.Count);
        Assert.Equal(2, second.Changes.Count);
        Assert.Single(third.Changes);
        Assert.Equal(6, first.Changes.Concat(second.Changes).Concat(third.Changes).Select(c => c.ResourceId).Distinct().Count());
    }

    [Fact]
    public async Task A_change_cursor_of_another_tenant_is_invalidCursor()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var a = await harness.NewTenantAsync();
        var b = await harness.NewTenantAsync();
        await a.CreateAsync(UserType, User("u"), WriteContext.None);
        var cursor = (await a.ReadChangesAsync(null, 10)).NextCursor;

        var error = await Assert.ThrowsAsync<ScimException>(() => b.ReadChangesAsync(cursor, 10));

        Assert.Equal(ScimType.InvalidCursor, error.ScimType);
    }

    [Fact]
    public async Task A_row_committed_long_after_its_position_is_marked_late_and_found_behind_a_position()
    {
        var harness = await CreateAsync(azurite.ConnectionString, options => options.ChangeFeedSettleTime = TimeSpan.FromSeconds(5));
        var store = await harness.NewTenantAsync();
        var options = harness.Storage.Options;
        var behind = await TableStorage.CreateAsync(options, time: new BehindClock(TimeSpan.FromMinutes(1)));
        var stalled = await behind.Stores.GetStoreAsync(store.Tenant);

        var onTime = await store.CreateAsync(UserType, User("on-time"), WriteContext.None);
        var late = await stalled.CreateAsync(UserType, User("late"), WriteContext.None);
        var now = EventIds.PositionAt(DateTimeOffset.UtcNow.UtcTicks);

        var found = await store.ReadLateChangesAsync(EventIds.PositionAt(DateTimeOffset.UtcNow.AddMinutes(-10).UtcTicks), now, 100);
        var notBehind = await store.ReadLateChangesAsync(found.Single().Position, now, 100);

        Assert.Equal([late.Id], found.Select(c => c.ResourceId));
        Assert.True(found[0].CommittedLate);
        Assert.Empty(notBehind); // the window is (after, upTo]: the row itself is not after its own position
        await Task.Delay(TimeSpan.FromSeconds(5.5));
        var settled = await store.ReadChangesAfterAsync(null, 100);
        Assert.Equal([late.Id, onTime.Id], settled.Select(c => c.ResourceId)); // the late row sorts before the on-time one
        Assert.Equal([true, false], settled.Select(c => c.CommittedLate));
    }

    private sealed class BehindClock(TimeSpan behind) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() - behind;
    }
}
