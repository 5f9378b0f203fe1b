using ScimFunctions.Core;
using ScimFunctions.Core.Errors;
using ScimFunctions.Core.Resources;
using ScimFunctions.Storage.Abstractions;
using ScimFunctions.Storage.Consistency;
using ScimFunctions.Testing;
using static ScimFunctions.Storage.IntegrationTests.StorageHarness;

namespace ScimFunctions.Storage.IntegrationTests;

/// <summary>
/// Every multi-transaction operation is interrupted at each of its storage requests in turn (the request is lost
/// before or after storage applied it), then retried without faults: the retry converges and no orphan row remains.
/// </summary>
public sealed class CrashSafetyTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    public static TheoryData<FaultTiming> Timings => new() { FaultTiming.BeforeSend, FaultTiming.AfterSend };

    [Theory]
    [MemberData(nameof(Timings))]
    public async Task Deleting_a_user_in_many_groups_converges_after_a_crash_at_any_step(FaultTiming timing)
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync();
        var groups = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => store.CreateAsync(GroupType, Group($"G{i}"), WriteContext.None)));

        var steps = await CountRequestsAsync(harness, async () =>
        {
            var user = await NewMemberOfAllAsync(store, groups);
            return () => store.DeleteAsync(UserType, user.Id, null, WriteContext.None);
        });
        Assert.True(steps >= 5, $"a delete of a user in 40 groups takes several requests, not {steps}");

        for (var crashAt = 1; crashAt <= steps; crashAt++)
        {
            var user = await NewMemberOfAllAsync(store, groups);
            await CrashAsync(harness, crashAt, timing, () => store.DeleteAsync(UserType, user.Id, null, WriteContext.None));

            await RetryUntilNotFoundAsync(() => store.DeleteAsync(UserType, user.Id, null, WriteContext.None));

            Assert.Null(await store.GetAsync(UserType, user.Id, AttributeSelection.Default));
            Assert.Empty((await store.QueryAsync(GroupType, ListQuery(GroupType, $"members eq \"{user.Id}\""))).Resources);
            var report = await harness.CheckAsync(store);
            Assert.True(report.IsConsistent, $"crash at request {crashAt} ({timing}): {report}");
        }
    }

    [Theory]
    [MemberData(nameof(Timings))]
    public async Task Replacing_a_large_member_list_converges_after_a_crash_at_any_step(FaultTiming timing)
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync();
        var users = new List<StoredResource>();
        foreach (var chunk in Enumerable.Range(0, 80).Chunk(40))
        {
            users.AddRange(await Task.WhenAll(chunk.Select(i => store.CreateAsync(UserType, User($"user{i}"), WriteContext.None))));
        }

        string[] first = [.. users.Take(40).Select(u => u.Id)];
        string[] second = [.. users.Skip(40).Select(u => u.Id)];
        var group = await store.CreateAsync(GroupType, Group("Big", first), WriteContext.None);
        var steps = await CountRequestsAsync(harness, () => Task.FromResult<Func<Task>>(() => store.ReplaceAsync(GroupType, group.Id, Group("Big", second), null, WriteContext.None)));
        Assert.True(steps >= 4, $"replacing 40 members by 40 others takes several transactions, not {steps}");

        for (var crashAt = 1; crashAt <= steps; crashAt++)
        {
            var target = crashAt % 2 == 1 ? first : second;
            await CrashAsync(harness, crashAt, timing, () => store.ReplaceAsync(GroupType, group.Id, Group("Big", target), null, WriteContext.None));

            await store.ReplaceAsync(GroupType, group.Id, Group("Big", target), null, WriteContext.None);

            Assert.Equal(target.Order(StringComparer.Ordinal), MemberIds((await store.GetAsync(GroupType, group.Id, AttributeSelection.Default))!));
            var report = await harness.CheckAsync(store);
            Assert.True(report.IsConsistent, $"crash at request {crashAt} ({timing}): {report}");
        }
    }

    [Theory]
    [MemberData(nameof(Timings))]
    public async Task Deleting_a_tenant_converges_after_a_crash_at_any_step(FaultTiming timing)
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var steps = await CountRequestsAsync(harness, async () =>
        {
            var store = await SeedTenantAsync(harness);
            return () => harness.Storage.Tenants.DeleteAsync(store.Tenant);
        });
        Assert.True(steps >= 5, $"deleting a tenant with a few hundred rows takes several requests, not {steps}");

        for (var crashAt = 1; crashAt <= steps; crashAt++)
        {
            var store = await SeedTenantAsync(harness);
            await CrashAsync(harness, crashAt, timing, () => harness.Storage.Tenants.DeleteAsync(store.Tenant));

            var during = await harness.Storage.Tenants.GetAsync(store.Tenant);
            if (during is { Status: Tenants.TenantStatus.Active })
            {
                // Interrupted before the Deleting mark: nothing was removed yet.
                Assert.Equal(50, (await ConsistencyChecker.CheckAsync(harness.Storage, store.Tenant)).ResourcesByType["user"]);
            }

            await RetryUntilNotFoundAsync(() => harness.Storage.Tenants.DeleteAsync(store.Tenant));

            Assert.Null(await harness.Storage.Tenants.GetAsync(store.Tenant));
            var report = await harness.CheckAsync(store);
            Assert.True(report.IsConsistent && report.ResourcesByType.Count == 0 && report.ChangeRows == 0, $"crash at request {crashAt} ({timing}): {report}");
        }
    }

    private static async Task<StoredResource> NewMemberOfAllAsync(ITenantScimStore store, IEnumerable<StoredResource> groups)
    {
        var user = await store.CreateAsync(UserType, User("member-" + Guid.NewGuid().ToString("N")[..8]), WriteContext.None);
        await Task.WhenAll(groups.Select(g => store.PatchAsync(GroupType, g.Id, AddMembers(user.Id), CompatibilityOptions.Default, null, WriteContext.None)));
        return user;
    }

    private static async Task<ITenantScimStore> SeedTenantAsync(StorageHarness harness)
    {
        var store = await harness.NewTenantAsync();
        var users = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => store.CreateAsync(UserType, User($"user{i}"), WriteContext.None)));
        await store.CreateAsync(GroupType, Group("All", [.. users.Select(u => u.Id)]), WriteContext.None);
        return store;
    }

    /// <summary>How many storage requests the operation that <paramref name="prepare"/> returns makes (preparation not counted).</summary>
    private static async Task<int> CountRequestsAsync(StorageHarness harness, Func<Task<Func<Task>>> prepare)
    {
        var operation = await prepare();
        harness.Faults.Count();
        await operation();
        return harness.Faults.Seen;
    }

    /// <summary>Runs the operation with storage lost from request <paramref name="crashAt"/> on; it must fail with 503 or (lost after the last step) succeed.</summary>
    private static async Task CrashAsync(StorageHarness harness, int crashAt, FaultTiming timing, Func<Task> operation)
    {
        harness.Faults.FailFrom(crashAt, timing);
        try
        {
            await operation();
        }
        catch (ScimException ex)
        {
            Assert.Equal(503, ex.Status);
        }
        finally
        {
            harness.Faults.Disarm();
        }
    }

    /// <summary>A retried delete either finishes the job or finds it already finished (404).</summary>
    private static async Task RetryUntilNotFoundAsync(Func<Task> delete)
    {
        try
        {
            await delete();
        }
        catch (ScimException ex) when (ex.Status == 404)
        {
        }
    }
}
