using ScimFunctions.Core;
using ScimFunctions.Core.Errors;
using ScimFunctions.Core.Resources;
using ScimFunctions.Storage.Abstractions;
using ScimFunctions.Storage.Limits;
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
    public async Task A_delete_of_a_user_in_no_group_is_two_requests_and_one_in_groups_at_most_five()
    {
        var (harness, store, _, group) = await SeedAsync();
        var alone = await store.CreateAsync(UserType, User("alone"), WriteContext.None);
        var member = await store.CreateAsync(UserType, User("member"), WriteContext.None);
        await store.PatchAsync(GroupType, group.Id, AddMembers(member.Id), CompatibilityOptions.Default, null, WriteContext.None);

        using (var scope = harness.Requests.BeginScope("delete alone"))
        {
            await store.DeleteAsync(UserType, alone.Id, null, WriteContext.None);
            Assert.True(scope.Count == 2, scope.ToString()); // range read of the resource's rows, then the delete transaction
        }

        using (var scope = harness.Requests.BeginScope("delete member"))
        {
            await store.DeleteAsync(UserType, member.Id, null, WriteContext.None);
            Assert.True(scope.Count <= 5, scope.ToString()); // read, mark, relations, their removal, the delete transaction
        }

        Assert.Null(await store.GetAsync(UserType, alone.Id, AttributeSelection.Default));
        Assert.Null(await store.GetAsync(UserType, member.Id, AttributeSelection.Default));
        Assert.True((await harness.CheckAsync(store)).IsConsistent);
    }

    [Fact]
    public async Task A_delete_whose_If_Match_is_stale_is_412_and_deletes_nothing_for_a_user_in_no_group()
    {
        var (_, store, _, _) = await SeedAsync();
        var user = await store.CreateAsync(UserType, User("stale"), WriteContext.None);
        await store.PatchAsync(UserType, user.Id, Patch("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"active","value":"False"}]}"""), CompatibilityOptions.Default, null, WriteContext.None);

        var failure = await Assert.ThrowsAsync<ScimException>(() => store.DeleteAsync(UserType, user.Id, user.Version, WriteContext.None));

        Assert.Equal(412, failure.Status);
        Assert.NotNull(await store.GetAsync(UserType, user.Id, AttributeSelection.Default));
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
    public async Task A_page_of_100_users_with_their_groups_reads_the_rows_of_about_100_users_not_the_most_a_request_returns()
    {
        var rows = new RowsReturned();
        var (harness, store, _, _) = await SeedAsync(users: 500, configure: options => options.PerRetryPolicies.Add(rows));

        for (var start = 1; start <= 201; start += 100)
        {
            rows.Reset();
            using var scope = harness.Requests.BeginScope("page " + start);
            var page = await store.QueryAsync(UserType, ListQuery(UserType, startIndex: start, count: 100));
            Assert.Equal(100, page.Resources.Count);
            Assert.True(scope.Count <= 2, scope.ToString());
            Assert.True(rows.Count < 300, $"{rows.Count} rows read for a page of 100 users (and the counter shards)");
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

    [Fact]
    public async Task Removing_19000_absent_members_reads_the_group_once_and_writes_nothing()
    {
        var (harness, store, user, group) = await SeedAsync();
        var absent = Enumerable.Range(0, 19_000).Select(_ => Guid.NewGuid().ToString()).ToArray();

        using var scope = harness.Requests.BeginScope("remove absent");
        var patched = await store.PatchAsync(GroupType, group.Id, RemoveMembers(absent), CompatibilityOptions.Default, null, WriteContext.None);

        // The resource row, one page of the group's member range; no transaction since nothing changes.
        Assert.True(scope.Count <= 2, scope.ToString());
        Assert.Equal(group.Version, patched.Version);
        Assert.Equal([user.Id], MemberIds((await store.GetAsync(GroupType, group.Id, AttributeSelection.Default))!));
    }

    [Fact]
    public async Task Removing_a_few_present_among_thousands_of_absent_members_removes_exactly_those()
    {
        var (harness, store, user, group) = await SeedAsync(users: 40);
        var all = (await store.QueryAsync(UserType, ListQuery(UserType, count: 100))).Resources.Select(r => r.Id).ToArray();
        var others = all.Where(id => id != user.Id).ToArray();
        await store.PatchAsync(GroupType, group.Id, AddMembers(others), CompatibilityOptions.Default, null, WriteContext.None);
        var removed = others[..20];
        var values = removed.Concat(Enumerable.Range(0, 5_000).Select(_ => Guid.NewGuid().ToString())).ToArray();

        using var scope = harness.Requests.BeginScope("remove mixed");
        await store.PatchAsync(GroupType, group.Id, RemoveMembers(values), CompatibilityOptions.Default, null, WriteContext.None);

        // Row, one page of members, one transaction for 20 removals (3 actions each).
        Assert.True(scope.Count <= 3, scope.ToString());
        Assert.Equal(all.Except(removed).Order(StringComparer.Ordinal), MemberIds((await store.GetAsync(GroupType, group.Id, AttributeSelection.Default))!));
        Assert.Empty(GroupIds((await store.GetAsync(UserType, removed[0], AttributeSelection.Default))!));
        var report = await harness.CheckAsync(store);
        Assert.True(report.IsConsistent, report.ToString());
    }

    [Fact]
    public async Task A_write_that_does_not_fit_the_request_budget_is_refused_with_413_before_anything_is_written()
    {
        var (harness, store, user, group) = await SeedAsync(users: 200);
        var all = (await store.QueryAsync(UserType, ListQuery(UserType, count: 200))).Resources.Select(r => r.Id).ToArray();

        var budget = new RequestBudget(5, TimeSpan.FromMinutes(1), TimeProvider.System);
        ScimException refused;
        using (budget.Enter())
        {
            // 200 memberships are 7 transactions: more than the 5 requests the budget allows.
            refused = await Assert.ThrowsAsync<ScimException>(() => store.PatchAsync(GroupType, group.Id, AddMembers(all), CompatibilityOptions.Default, null, WriteContext.None));
        }

        Assert.Equal(413, refused.Status);
        Assert.True(budget.Used <= 2, $"{budget.Used} requests before the refusal");
        Assert.Equal([user.Id], MemberIds((await store.GetAsync(GroupType, group.Id, AttributeSelection.Default))!));

        // The same change with room for it goes through.
        using (new RequestBudget(20, TimeSpan.FromMinutes(1), TimeProvider.System).Enter())
        {
            await store.PatchAsync(GroupType, group.Id, AddMembers(all), CompatibilityOptions.Default, null, WriteContext.None);
        }

        Assert.Equal(200, MemberIds((await store.GetAsync(GroupType, group.Id, AttributeSelection.Default))!).Count);
    }

    [Fact]
    public async Task A_budget_refuses_every_storage_request_beyond_it_and_nothing_after_it_is_closed()
    {
        var (_, store, user, _) = await SeedAsync();
        var budget = new RequestBudget(2, TimeSpan.FromMinutes(1), TimeProvider.System);
        using (budget.Enter())
        {
            await store.GetAsync(UserType, user.Id, AttributeSelection.Default);
            await store.GetAsync(UserType, user.Id, AttributeSelection.Default);
            var refused = await Assert.ThrowsAsync<ScimException>(() => store.GetAsync(UserType, user.Id, AttributeSelection.Default));
            Assert.Equal(413, refused.Status);
        }

        Assert.Null(RequestBudget.Current);
        Assert.NotNull(await store.GetAsync(UserType, user.Id, AttributeSelection.Default));
    }

    [Fact]
    public async Task A_budget_whose_time_is_over_refuses_further_storage_work_with_413()
    {
        var (_, store, user, _) = await SeedAsync();
        using (new RequestBudget(100, TimeSpan.FromMilliseconds(1), TimeProvider.System).Enter())
        {
            await Task.Delay(50);
            var refused = await Assert.ThrowsAsync<ScimException>(() => store.GetAsync(UserType, user.Id, AttributeSelection.Default));
            Assert.Equal(413, refused.Status);
        }
    }

    /// <summary>A tenant with users (user7 in a group) after the process has warmed its counter cache with one create.</summary>
    private async Task<(StorageHarness Harness, ITenantScimStore Store, StoredResource User7, StoredResource Group)> SeedAsync(int users = 20, Action<TableStoreOptions>? configure = null)
    {
        var harness = await CreateAsync(azurite.ConnectionString, configure);
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

    /// <summary>Counts the entities storage returned to queries (the <c>value</c> array of each query response).</summary>
    private sealed class RowsReturned : Azure.Core.Pipeline.HttpPipelinePolicy
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Reset() => Interlocked.Exchange(ref _count, 0);

        public override void Process(Azure.Core.HttpMessage message, ReadOnlyMemory<Azure.Core.Pipeline.HttpPipelinePolicy> pipeline)
        {
            ProcessNext(message, pipeline);
            Record(message);
        }

        public override async ValueTask ProcessAsync(Azure.Core.HttpMessage message, ReadOnlyMemory<Azure.Core.Pipeline.HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline);
            Record(message);
        }

        private void Record(Azure.Core.HttpMessage message)
        {
            if (message.Request.Method != Azure.Core.RequestMethod.Get || message.Response.Status != 200 || message.Response.Content is not { } content)
            {
                return;
            }

            using var document = System.Text.Json.JsonDocument.Parse(content);
            if (document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object && document.RootElement.TryGetProperty("value", out var values))
            {
                Interlocked.Add(ref _count, values.GetArrayLength());
            }
        }
    }
}
