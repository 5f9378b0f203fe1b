using ScimFunctions.Core;
using ScimFunctions.Core.Errors;
using ScimFunctions.Storage.Abstractions;
using ScimFunctions.Testing;
using static ScimFunctions.Storage.IntegrationTests.StorageHarness;

namespace ScimFunctions.Storage.IntegrationTests;

public sealed class QueryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Theory]
    [InlineData("userName eq \"ALICE@example.com\"")]
    [InlineData("USERNAME EQ \"alice@example.com\"")]
    [InlineData("externalId eq \"ext-a\"")]
    [InlineData("userName eq \"alice@example.com\" and active eq true")]
    [InlineData("emails[type eq \"work\"].value eq \"alice@example.com@example.com\"")]
    [InlineData("name.familyName sw \"alice\"")]
    public async Task Filters_find_the_matching_user_only(string filter)
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync();
        var alice = await store.CreateAsync(UserType, User("alice@example.com", externalId: "ext-a"), WriteContext.None);
        await store.CreateAsync(UserType, User("bob@example.com", externalId: "ext-b"), WriteContext.None);

        var result = await store.QueryAsync(UserType, ListQuery(UserType, filter));

        Assert.Equal(alice.Id, Assert.Single(result.Resources).Id);
        Assert.Equal(1, result.TotalResults);
    }

    [Theory]
    [InlineData("userName eq \"nobody\"")]
    [InlineData("externalId eq \"EXT-A\"")]
    [InlineData("userName eq \"alice@example.com\" and active eq false")]
    [InlineData("id eq \"00000000-0000-0000-0000-000000000000\"")]
    public async Task Filters_without_a_match_give_an_empty_list(string filter)
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync();
        await store.CreateAsync(UserType, User("alice@example.com", externalId: "ext-a"), WriteContext.None);

        var result = await store.QueryAsync(UserType, ListQuery(UserType, filter));

        Assert.Empty(result.Resources);
        Assert.Equal(0, result.TotalResults);
    }

    [Fact]
    public async Task A_start_index_at_the_largest_integer_is_an_empty_page_not_a_storage_error()
    {
        // HttpFuzzTests (seed 2026, request 51,844): "startIndex": 99999999999999999999999 clamps to int.MaxValue, and the
        // page size then overflowed into a negative $top, which Table Storage refused with 400 (the client saw a 500).
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync();
        await store.CreateAsync(UserType, User("only@example.com"), WriteContext.None);

        var page = await store.QueryAsync(UserType, ListQuery(UserType, startIndex: int.MaxValue, count: 10, excludedAttributes: "groups"));

        Assert.Empty(page.Resources);
        Assert.Equal(1, page.TotalResults);
    }

    [Fact]
    public async Task Group_membership_filters_are_answered_from_member_rows()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync();
        var alice = await store.CreateAsync(UserType, User("alice"), WriteContext.None);
        var bob = await store.CreateAsync(UserType, User("bob"), WriteContext.None);
        var admins = await store.CreateAsync(GroupType, Group("Admins", alice.Id), WriteContext.None);
        var staff = await store.CreateAsync(GroupType, Group("Staff", alice.Id, bob.Id), WriteContext.None);

        var hit = await store.QueryAsync(GroupType, ListQuery(GroupType, $"id eq \"{admins.Id}\" and members eq \"{alice.Id}\"", excludedAttributes: "members"));
        var miss = await store.QueryAsync(GroupType, ListQuery(GroupType, $"id eq \"{admins.Id}\" and members[value eq \"{bob.Id}\"]", excludedAttributes: "members"));
        var ofBob = await store.QueryAsync(GroupType, ListQuery(GroupType, $"members[value eq \"{bob.Id}\"]"));
        var byName = await store.QueryAsync(GroupType, ListQuery(GroupType, "displayName eq \"STAFF\"", excludedAttributes: "members"));

        Assert.Equal(admins.Id, Assert.Single(hit.Resources).Id);
        Assert.Null(hit.Resources[0].Resource["members"]);
        Assert.Empty(miss.Resources);
        Assert.Equal(staff.Id, Assert.Single(ofBob.Resources).Id);
        Assert.Equal(staff.Id, Assert.Single(byName.Resources).Id);
    }

    [Fact]
    public async Task Sequential_index_pages_cover_every_user_once_in_a_stable_order()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync();
        var ids = (await Task.WhenAll(Enumerable.Range(0, 25).Select(i => store.CreateAsync(UserType, User($"user{i:D2}"), WriteContext.None)))).Select(u => u.Id).ToHashSet();

        var seen = new List<string>();
        for (var start = 1; start <= 25; start += 10)
        {
            var page = await store.QueryAsync(UserType, ListQuery(UserType, startIndex: start, count: 10));
            Assert.Equal(25, page.TotalResults);
            Assert.Equal(start, page.StartIndex);
            seen.AddRange(page.Resources.Select(r => r.Id));
        }

        Assert.Equal(25, seen.Count);
        Assert.Equal(ids.Order(StringComparer.Ordinal), seen);
        var again = await store.QueryAsync(UserType, ListQuery(UserType, startIndex: 11, count: 10));
        Assert.Equal(seen.Skip(10).Take(10), again.Resources.Select(r => r.Id));
    }

    [Fact]
    public async Task A_page_far_ahead_without_a_remembered_position_skips_to_the_right_place()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync();
        var ids = (await Task.WhenAll(Enumerable.Range(0, 12).Select(i => store.CreateAsync(UserType, User($"user{i:D2}"), WriteContext.None)))).Select(u => u.Id).Order(StringComparer.Ordinal).ToList();

        var page = await store.QueryAsync(UserType, ListQuery(UserType, startIndex: 8, count: 3));

        Assert.Equal(ids.Skip(7).Take(3), page.Resources.Select(r => r.Id));
    }

    [Fact]
    public async Task Count_zero_returns_only_the_total()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync();
        await store.CreateAsync(UserType, User("a"), WriteContext.None);

        var page = await store.QueryAsync(UserType, ListQuery(UserType, count: 0));

        Assert.Empty(page.Resources);
        Assert.Equal(1, page.TotalResults);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("active eq true")]
    [InlineData("userName sw \"user\"")]
    public async Task Cursor_pages_visit_every_match_once_and_the_last_page_has_no_next_cursor(string? filter)
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync();
        var ids = (await Task.WhenAll(Enumerable.Range(0, 23).Select(i => store.CreateAsync(UserType, User($"user{i:D2}"), WriteContext.None)))).Select(u => u.Id).ToList();

        var seen = new List<string>();
        string? cursor = string.Empty;
        var pages = 0;
        while (cursor is not null)
        {
            var page = await store.QueryAsync(UserType, ListQuery(UserType, filter, count: 10, cursor: cursor));
            Assert.Null(page.StartIndex);
            Assert.Equal(23, page.TotalResults);
            seen.AddRange(page.Resources.Select(r => r.Id));
            cursor = page.NextCursor;
            pages++;
        }

        Assert.Equal(3, pages);
        Assert.Equal(ids.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        Assert.Equal(23, seen.Distinct().Count());
    }

    [Fact]
    public async Task A_tampered_cursor_or_one_for_another_query_or_tenant_is_invalidCursor()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync();
        var other = await harness.NewTenantAsync();
        await Task.WhenAll(Enumerable.Range(0, 3).Select(i => store.CreateAsync(UserType, User($"user{i}"), WriteContext.None)));
        await Task.WhenAll(Enumerable.Range(0, 3).Select(i => other.CreateAsync(UserType, User($"user{i}"), WriteContext.None)));
        var cursor = (await store.QueryAsync(UserType, ListQuery(UserType, count: 1, cursor: string.Empty))).NextCursor!;

        var tampered = cursor[..^2] + (cursor[^2] == 'A' ? "B" : "A") + cursor[^1];
        foreach (var attempt in new Func<Task>[]
        {
            () => store.QueryAsync(UserType, ListQuery(UserType, count: 1, cursor: tampered)),
            () => store.QueryAsync(UserType, ListQuery(UserType, count: 1, cursor: "garbage")),
            () => store.QueryAsync(UserType, ListQuery(UserType, "active eq true", count: 1, cursor: cursor)),
            () => other.QueryAsync(UserType, ListQuery(UserType, count: 1, cursor: cursor)),
        })
        {
            var error = await Assert.ThrowsAsync<ScimException>(attempt);
            Assert.Equal(400, error.Status);
            Assert.Equal(ScimType.InvalidCursor, error.ScimType);
        }
    }

    [Fact]
    public async Task A_cursor_past_its_lifetime_is_expiredCursor()
    {
        var harness = await CreateAsync(azurite.ConnectionString, o => o.CursorLifetime = TimeSpan.FromSeconds(-10));
        var store = await harness.NewTenantAsync();
        await Task.WhenAll(Enumerable.Range(0, 3).Select(i => store.CreateAsync(UserType, User($"user{i}"), WriteContext.None)));
        var cursor = (await store.QueryAsync(UserType, ListQuery(UserType, count: 1, cursor: string.Empty))).NextCursor!;

        var error = await Assert.ThrowsAsync<ScimException>(() => store.QueryAsync(UserType, ListQuery(UserType, count: 1, cursor: cursor)));

        Assert.Equal(ScimType.ExpiredCursor, error.ScimType);
    }

    [Fact]
    public async Task SortBy_orders_the_whole_result_and_is_bounded()
    {
        var harness = await CreateAsync(azurite.ConnectionString, o => o.MaxSortResources = 5);
        var store = await harness.NewTenantAsync();
        foreach (var name in new[] { "carol", "alice", "bob" })
        {
            await store.CreateAsync(UserType, User(name), WriteContext.None);
        }

        var sorted = await store.QueryAsync(UserType, ListQuery(UserType, sortBy: "userName", startIndex: 2, count: 2));
        Assert.Equal(["bob", "carol"], sorted.Resources.Select(r => (string)r.Resource["userName"]!));

        await Task.WhenAll(Enumerable.Range(0, 3).Select(i => store.CreateAsync(UserType, User($"more{i}"), WriteContext.None)));
        var error = await Assert.ThrowsAsync<ScimException>(() => store.QueryAsync(UserType, ListQuery(UserType, sortBy: "userName")));
        Assert.Equal(ScimType.TooMany, error.ScimType);
    }

    [Fact]
    public async Task Users_list_their_groups_and_a_deactivated_user_stays_findable()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync();
        var alice = await store.CreateAsync(UserType, User("alice"), WriteContext.None);
        var group = await store.CreateAsync(GroupType, Group("G", alice.Id), WriteContext.None);
        await store.PatchAsync(UserType, alice.Id, Patch("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"active":false}}]}"""), CompatibilityOptions.Default, null, WriteContext.None);

        var list = await store.QueryAsync(UserType, ListQuery(UserType, count: 10));
        var byName = await store.QueryAsync(UserType, ListQuery(UserType, "userName eq \"alice\""));

        Assert.Equal([group.Id], GroupIds(Assert.Single(list.Resources)));
        Assert.False((bool)Assert.Single(byName.Resources).Resource["active"]!);
    }
}
