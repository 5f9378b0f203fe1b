using ScimFunctions.Core;
using ScimFunctions.Core.Resources;
using ScimFunctions.Storage.Abstractions;
using ScimFunctions.Testing;
using static ScimFunctions.Storage.IntegrationTests.StorageHarness;

namespace ScimFunctions.Storage.IntegrationTests;

/// <summary>
/// A group far larger than one entity-group transaction (100 actions): member writes are chunked, every membership has
/// both rows, reading the group without members never touches member rows, and replace and delete clean up fully.
/// </summary>
public sealed class LargeGroupTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const int Half = 600;

    [Fact]
    public async Task A_group_of_1200_members_is_written_in_chunks_read_whole_and_replaced_and_deleted_cleanly()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync();
        var users = new StoredResource[2 * Half];
        await Parallel.ForEachAsync(Enumerable.Range(0, users.Length), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            users[i] = await store.CreateAsync(UserType, User($"member{i}"), WriteContext.None, ct));
        var ids = users.Select(u => u.Id).ToArray();

        // Create with 600 members, then one PATCH adding 600 more: each far over the 100-action transaction limit.
        StoredResource group;
        using (var scope = harness.Requests.BeginScope("create with 600 members"))
        {
            group = await store.CreateAsync(GroupType, Group("Everyone", ids[..Half]), WriteContext.None);
            // + 2: the members beyond the first transaction are checked to exist first (2 pages of the 1,200 users).
            Assert.True(scope.Count <= 2 + (Half / 33) + 2, scope.ToString());
        }

        using (var scope = harness.Requests.BeginScope("add 600 members"))
        {
            await store.PatchAsync(GroupType, group.Id, AddMembers(ids[Half..]), CompatibilityOptions.Default, null, WriteContext.None);
            Assert.True(scope.Count <= 4 + (Half / 33) + 2, scope.ToString());
        }

        var whole = await store.GetAsync(GroupType, group.Id, AttributeSelection.Default);
        Assert.Equal(ids.Order(StringComparer.Ordinal), MemberIds(whole!));
        Assert.Equal([group.Id], GroupIds((await store.GetAsync(UserType, ids[^1], AttributeSelection.Default))!));

        using (var scope = harness.Requests.BeginScope("get excluding members"))
        {
            var bare = await store.GetAsync(GroupType, group.Id, Exclude(GroupType, "members"));
            Assert.Null(bare!.Resource["members"]);
            Assert.True(scope.Count == 1, scope.ToString());
        }

        var report = await harness.CheckAsync(store);
        Assert.True(report.IsConsistent, report.ToString());
        Assert.Equal(2 * Half, report.Memberships);

        // PUT keeps the second half only: 600 memberships removed in chunks, 600 untouched.
        await store.ReplaceAsync(GroupType, group.Id, Group("Everyone", ids[Half..]), null, WriteContext.None);
        Assert.Equal(ids[Half..].Order(StringComparer.Ordinal), MemberIds((await store.GetAsync(GroupType, group.Id, AttributeSelection.Default))!));
        Assert.Empty(GroupIds((await store.GetAsync(UserType, ids[0], AttributeSelection.Default))!));
        report = await harness.CheckAsync(store);
        Assert.True(report.IsConsistent, report.ToString());
        Assert.Equal(Half, report.Memberships);

        // Removing 300 present members listed among 3,000 absent ids: one page of the 600-member range, then the
        // removals only (33 memberships a transaction), whatever the length of the list.
        var absent = Enumerable.Range(0, 3_000).Select(_ => Guid.NewGuid().ToString());
        using (var scope = harness.Requests.BeginScope("remove 300 present among 3,300"))
        {
            await store.PatchAsync(GroupType, group.Id, RemoveMembers([.. ids[Half..(Half + 300)], .. absent]), CompatibilityOptions.Default, null, WriteContext.None);
            Assert.True(scope.Count <= 3 + (300 / 33), scope.ToString());
        }

        Assert.Equal(ids[(Half + 300)..].Order(StringComparer.Ordinal), MemberIds((await store.GetAsync(GroupType, group.Id, AttributeSelection.Default))!));
        report = await harness.CheckAsync(store);
        Assert.True(report.IsConsistent, report.ToString());
        Assert.Equal(Half - 300, report.Memberships);

        await store.DeleteAsync(GroupType, group.Id, null, WriteContext.None);
        Assert.Null(await store.GetAsync(GroupType, group.Id, AttributeSelection.Default));
        Assert.Empty(GroupIds((await store.GetAsync(UserType, ids[^1], AttributeSelection.Default))!));
        report = await harness.CheckAsync(store);
        Assert.True(report.IsConsistent, report.ToString());
        Assert.Equal(0, report.Memberships);
        Assert.Equal(2 * Half, report.ResourcesByType["user"]);
    }

    [Fact]
    public async Task A_missing_member_beyond_the_first_transaction_refuses_the_whole_change_and_writes_nothing()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync();
        var users = new StoredResource[80];
        await Parallel.ForEachAsync(Enumerable.Range(0, users.Length), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            users[i] = await store.CreateAsync(UserType, User($"spill{i}"), WriteContext.None, ct));
        var ids = users.Select(u => u.Id).ToArray();
        var missing = Guid.NewGuid().ToString();
        var group = await store.CreateAsync(GroupType, Group("Spill"), WriteContext.None);
        var changesBefore = (await store.ReadChangesAsync(null, 1000)).Changes.Count;

        // 80 members and then one that does not exist: the last one lands in the third transaction, after the one
        // holding the group row and its change row.
        var patch = await Assert.ThrowsAsync<ScimFunctions.Core.Errors.ScimException>(() =>
            store.PatchAsync(GroupType, group.Id, AddMembers([.. ids, missing]), CompatibilityOptions.Default, null, WriteContext.None));
        Assert.Equal(400, patch.Status);
        Assert.Contains(missing, patch.Detail, StringComparison.Ordinal);
        var unchanged = await store.GetAsync(GroupType, group.Id, AttributeSelection.Default);
        Assert.Empty(MemberIds(unchanged!));
        Assert.Equal(group.Version, unchanged!.Version);

        var create = await Assert.ThrowsAsync<ScimFunctions.Core.Errors.ScimException>(() =>
            store.CreateAsync(GroupType, Group("Spill created", [.. ids, missing]), WriteContext.None));
        Assert.Equal(400, create.Status);
        var listed = await store.QueryAsync(GroupType, ListQuery(GroupType, filter: "displayName eq \"Spill created\""));
        Assert.Empty(listed.Resources);

        Assert.Equal(changesBefore, (await store.ReadChangesAsync(null, 1000)).Changes.Count);
        var report = await harness.CheckAsync(store);
        Assert.True(report.IsConsistent, report.ToString());
        Assert.Equal(0, report.Memberships);

        // A group named as a member beyond the first transaction, with no type (guessed User): stored as the Group it is.
        var nested = await store.CreateAsync(GroupType, Group("Nested"), WriteContext.None);
        await store.PatchAsync(GroupType, group.Id, AddMembers([.. ids, nested.Id]), CompatibilityOptions.Default, null, WriteContext.None);
        var whole = await store.GetAsync(GroupType, group.Id, AttributeSelection.Default);
        Assert.Equal(ids.Append(nested.Id).Order(StringComparer.Ordinal), MemberIds(whole!).Order(StringComparer.Ordinal));
        Assert.Equal("Group", (string?)whole!.Resource["members"]!.AsArray().Single(m => (string?)m!["value"] == nested.Id)!["type"]);
        report = await harness.CheckAsync(store);
        Assert.True(report.IsConsistent, report.ToString());
    }
}
