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
/// Silo table names are checked when set (Azure's rules, never a stamp table, never another tenant's table, claimed
/// atomically in the registry), and deleting a tenant never removes what it does not own.
/// </summary>
public sealed class SiloTableTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Every_stamp_table_is_refused_as_a_silo_table_in_any_case_and_nothing_is_written()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var options = harness.Storage.Options;
        var stampTables = new[] { options.ResourceTable, options.TenantTable, options.TokenTable, options.TenantTable.ToUpperInvariant(), "Tokens" };

        foreach (var name in stampTables)
        {
            var id = TenantId.Parse(TestNames.TenantId());
            var refused = await Assert.ThrowsAsync<ScimException>(() => harness.Storage.Tenants.CreateAsync(new TenantRecord { Id = id, Isolation = TenantIsolation.SiloTable, TableName = name }));
            Assert.Equal(400, refused.Status);
            Assert.Contains("stamp's own tables", refused.Detail, StringComparison.Ordinal);
            Assert.Null(await harness.Storage.Tenants.GetAsync(id));
        }

        Assert.Contains(options.TokenTable, options.StampTables);
        await AssertStampIntactAsync(harness);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("1table")]
    [InlineData("my-table")]
    [InlineData("my_table")]
    [InlineData("tablé")]
    [InlineData("a123456789012345678901234567890123456789012345678901234567890123")]
    public async Task A_name_outside_Azure_table_rules_is_400(string name)
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var id = TenantId.Parse(TestNames.TenantId());

        var refused = await Assert.ThrowsAsync<ScimException>(() => harness.Storage.Tenants.CreateAsync(new TenantRecord { Id = id, Isolation = TenantIsolation.SiloTable, TableName = name }));

        Assert.Equal(400, refused.Status);
        Assert.Contains("3-63 letters and digits", refused.Detail, StringComparison.Ordinal);
        Assert.Null(await harness.Storage.Tenants.GetAsync(id));
    }

    [Fact]
    public async Task Concurrent_creates_naming_one_table_in_different_cases_leave_exactly_one_owner()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var table = TestNames.TableName("silo");
        var ids = Enumerable.Range(0, 6).Select(_ => TenantId.Parse(TestNames.TenantId())).ToList();

        var attempts = await Task.WhenAll(ids.Select(async (id, i) =>
        {
            try
            {
                await harness.Storage.Tenants.CreateAsync(new TenantRecord { Id = id, Isolation = TenantIsolation.SiloTable, TableName = i % 2 == 0 ? table : table.ToUpperInvariant() });
                return 201;
            }
            catch (ScimException ex)
            {
                Assert.Contains("already used by tenant", ex.Detail, StringComparison.Ordinal);
                return ex.Status;
            }
        }));

        Assert.Equal(1, attempts.Count(status => status == 201));
        Assert.Equal(5, attempts.Count(status => status == 409));
        Assert.Single(await harness.Storage.Tenants.ListAsync());
    }

    [Fact]
    public async Task Deleting_a_silo_tenant_drops_the_table_it_owns_and_nothing_of_anyone_else()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var pooled = await harness.NewTenantAsync();
        await pooled.CreateAsync(UserType, User("pooled"), WriteContext.None);
        var otherSilo = await CreateSiloAsync(harness, TestNames.TableName("other"));
        await otherSilo.CreateAsync(UserType, User("other"), WriteContext.None);
        var table = TestNames.TableName("silo");
        var doomed = await CreateSiloAsync(harness, table);
        var user = await doomed.CreateAsync(UserType, User("doomed"), WriteContext.None);
        await doomed.CreateAsync(GroupType, Group("G", user.Id), WriteContext.None);

        await harness.Storage.Tenants.DeleteAsync(doomed.Tenant);

        Assert.False(await TableExistsAsync(harness, table));
        Assert.Null(await harness.Storage.Tenants.GetAsync(doomed.Tenant));
        await AssertStampIntactAsync(harness, expectedTenants: 2);

        // The claim went with the tenant: the name is free again (409 only while the table service is still dropping it).
        int reused;
        try
        {
            await CreateSiloAsync(harness, table);
            reused = 201;
        }
        catch (ScimException ex)
        {
            reused = ex.Status;
            Assert.Contains("still being deleted", ex.Detail, StringComparison.Ordinal);
        }

        Assert.True(reused is 201 or 409, $"re-use answered {reused}");
    }

    [Fact]
    public async Task Two_legacy_silo_tenants_sharing_a_table_keep_each_others_rows_and_the_table_when_one_is_deleted()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var table = TestNames.TableName("shared");
        await harness.Storage.ServiceClient.CreateTableIfNotExistsAsync(table);
        var stores = new List<ITenantScimStore>();
        foreach (var _ in new[] { 1, 2 })
        {
            // Registered before claims existed: no claim row, no incarnation.
            var record = new TenantRecord { Id = TenantId.Parse(TestNames.TenantId()), Isolation = TenantIsolation.SiloTable, TableName = table, Created = DateTimeOffset.UtcNow };
            await harness.Storage.TenantTable.AddEntityAsync(new TableEntity("tenant", record.Id.Value) { ["Status"] = "Active", ["Created"] = record.Created, ["Isolation"] = "SiloTable", ["TableName"] = table });
            var store = harness.Storage.GetStore(record);
            await store.CreateAsync(UserType, User("u"), WriteContext.None);
            stores.Add(store);
        }

        // A new tenant cannot join the legacy table either: the legacy owner is given the claim first.
        var joined = await Assert.ThrowsAsync<ScimException>(() => CreateSiloAsync(harness, table));
        await harness.Storage.Tenants.DeleteAsync(stores[0].Tenant);

        Assert.Equal(409, joined.Status);
        Assert.True(await TableExistsAsync(harness, table));
        Assert.Equal(1, await stores[1].CountAsync(UserType));
        await AssertStampIntactAsync(harness, expectedTenants: 1);
    }

    [Fact]
    public async Task A_silo_table_that_disappeared_is_503_not_404_or_500()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var table = TestNames.TableName("gone");
        var store = await CreateSiloAsync(harness, table);
        var user = await store.CreateAsync(UserType, User("u"), WriteContext.None);
        await harness.Storage.ServiceClient.DeleteTableAsync(table);

        var statuses = new List<int>();
        foreach (var call in new Func<Task>[]
        {
            () => store.CreateAsync(UserType, User("v"), WriteContext.None),
            () => store.GetAsync(UserType, user.Id, Core.Resources.AttributeSelection.Default),
            () => store.QueryAsync(UserType, ListQuery(UserType)),
            () => store.CountAsync(UserType),
            () => store.ReadChangesAsync(null, 10),
            () => store.DeleteAsync(UserType, user.Id, null, WriteContext.None),
        })
        {
            statuses.Add((await Assert.ThrowsAsync<ScimException>(call)).Status);
        }

        Assert.All(statuses, status => Assert.Equal(503, status));
    }

    [Fact]
    public async Task A_silo_account_tenant_is_refused_when_the_stamp_cannot_reach_the_account_and_works_where_it_can()
    {
        await using var second = await AzuriteInstance.StartAsync(inMemory: true);
        var endpoint = new Uri($"http://127.0.0.1:{second.Port}/devstoreaccount1");
        var without = await CreateAsync(azurite.ConnectionString);
        var noCredential = await Assert.ThrowsAsync<ScimException>(() => without.Storage.Tenants.CreateAsync(SiloAccount(endpoint, "acct")));
        var unreachable = await Assert.ThrowsAsync<ScimException>(() => without.Storage.Tenants.CreateAsync(SiloAccount(new Uri("http://127.0.0.1:1/devstoreaccount1"), "acct")));

        var with = await CreateAsync(azurite.ConnectionString, o =>
        {
            o.SiloAccountConnectionStrings.Add(second.ConnectionString);
            o.SiloAccountConnectionStrings.Add(AzuriteInstance.ConnectionStringFor(1));
        });
        var unreachableWithKey = await Assert.ThrowsAsync<ScimException>(() => with.Storage.Tenants.CreateAsync(SiloAccount(new Uri("http://127.0.0.1:1/devstoreaccount1"), "acct")));
        var table = TestNames.TableName("acct");
        var created = await with.Storage.Tenants.CreateAsync(SiloAccount(endpoint, table));
        var store = await with.Storage.Stores.GetStoreAsync(created.Id);
        await store.CreateAsync(UserType, User("remote"), WriteContext.None);
        var remote = new TableServiceClient(second.ConnectionString).GetTableClient(table);

        Assert.Equal(400, noCredential.Status);
        Assert.Contains("no way to authenticate", noCredential.Detail, StringComparison.Ordinal);
        Assert.Equal(400, unreachable.Status);
        Assert.Equal(400, unreachableWithKey.Status);
        Assert.Contains("cannot be reached", unreachableWithKey.Detail, StringComparison.Ordinal);
        Assert.Equal(1, await store.CountAsync(UserType));
        Assert.NotEmpty(remote.Query<TableEntity>(e => e.PartitionKey == $"{created.Id.Value}~{created.Incarnation}"));
        Assert.Empty(with.Storage.ResourceTable.Query<TableEntity>(e => e.PartitionKey.CompareTo(created.Id.Value) >= 0 && e.PartitionKey.CompareTo(created.Id.Value + "~~") < 0));

        await with.Storage.Tenants.DeleteAsync(created.Id);
        Assert.False(await TableExistsAsync(new TableServiceClient(second.ConnectionString), table));
        await AssertStampIntactAsync(with, expectedTenants: 0);
    }

    private static TenantRecord SiloAccount(Uri endpoint, string table) =>
        new() { Id = TenantId.Parse(TestNames.TenantId()), Isolation = TenantIsolation.SiloAccount, StorageEndpoint = endpoint, TableName = table };

    private static async Task<ITenantScimStore> CreateSiloAsync(StorageHarness harness, string table)
    {
        var record = await harness.Storage.Tenants.CreateAsync(new TenantRecord { Id = TenantId.Parse(TestNames.TenantId()), Isolation = TenantIsolation.SiloTable, TableName = table });
        return harness.Storage.GetStore(record);
    }

    private static Task<bool> TableExistsAsync(StorageHarness harness, string table) => TableExistsAsync(harness.Storage.ServiceClient, table);

    private static async Task<bool> TableExistsAsync(TableServiceClient service, string table)
    {
        await foreach (var item in service.QueryAsync(t => t.Name == table))
        {
            return item is not null;
        }

        return false;
    }

    /// <summary>The stamp's tables answer and every remaining tenant is consistent (0 problems).</summary>
    internal static async Task AssertStampIntactAsync(StorageHarness harness, int? expectedTenants = null)
    {
        var tenants = await harness.Storage.Tenants.ListAsync();
        if (expectedTenants is { } expected)
        {
            Assert.Equal(expected, tenants.Count);
        }

        Assert.True(await TableExistsAsync(harness, harness.Storage.Options.ResourceTable));
        Assert.True(await TableExistsAsync(harness, harness.Storage.Options.TenantTable));
        foreach (var tenant in tenants)
        {
            var report = await ConsistencyChecker.CheckAsync(harness.Storage, tenant.Id);
            Assert.True(report.IsConsistent, $"{tenant.Id}: {report}");
            Assert.Equal(1, await harness.Storage.GetStore(tenant).CountAsync(UserType));
        }
    }
}
