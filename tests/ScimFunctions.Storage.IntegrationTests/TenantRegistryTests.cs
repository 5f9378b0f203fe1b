using ScimFunctions.Core;
using ScimFunctions.Core.Errors;
using ScimFunctions.Storage.Abstractions;
using ScimFunctions.Storage.Tenants;
using ScimFunctions.Testing;
using static ScimFunctions.Storage.IntegrationTests.StorageHarness;

namespace ScimFunctions.Storage.IntegrationTests;

public sealed class TenantRegistryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_tenant_is_created_read_listed_suspended_resumed_and_its_policy_round_trips()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var id = TenantId.Parse(TestNames.TenantId());
        var policy = new TenantPolicy { MaxUsers = 10, AllowedOperations = AllowedOperations.Read | AllowedOperations.Create, ExpiresAt = DateTimeOffset.UtcNow.AddDays(30), BulkEnabled = false };

        var created = await harness.Storage.Tenants.CreateAsync(new TenantRecord { Id = id, DisplayName = "Contoso", Policy = policy, Compatibility = CompatibilityOptions.Default with { PatchReturnsNoContent = false } });
        await harness.Storage.Tenants.UpdateAsync(created with { Status = TenantStatus.Suspended });
        var suspended = await harness.Storage.Tenants.GetAsync(id);
        await harness.Storage.Tenants.UpdateAsync(suspended! with { Status = TenantStatus.Active });
        var read = await harness.Storage.Tenants.GetAsync(id);

        Assert.Equal(TenantStatus.Suspended, suspended!.Status);
        Assert.Equal(TenantStatus.Active, read!.Status);
        Assert.Equal("Contoso", read.DisplayName);
        Assert.Equal(policy, read.Policy);
        Assert.False(read.Compatibility.PatchReturnsNoContent);
        Assert.NotEqual(default, read.Created);
        Assert.Contains(await harness.Storage.Tenants.ListAsync(), t => t.Id == id);
    }

    [Fact]
    public async Task Creating_an_existing_tenant_is_409_and_unknown_tenants_have_no_store()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync();

        var duplicate = await Assert.ThrowsAsync<ScimException>(() => harness.Storage.Tenants.CreateAsync(new TenantRecord { Id = store.Tenant }));
        var unknown = await Assert.ThrowsAsync<ScimException>(async () => await harness.Storage.Stores.GetStoreAsync(TenantId.Parse(TestNames.TenantId())));

        Assert.Equal(409, duplicate.Status);
        Assert.Equal(404, unknown.Status);
    }

    [Fact]
    public async Task Deleting_a_tenant_removes_all_its_rows_and_leaves_other_tenants_alone()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var doomed = await harness.NewTenantAsync();
        var kept = await harness.NewTenantAsync();
        var user = await doomed.CreateAsync(UserType, User("a"), WriteContext.None);
        await doomed.CreateAsync(GroupType, Group("G", user.Id), WriteContext.None);
        await kept.CreateAsync(UserType, User("a"), WriteContext.None);

        await harness.Storage.Tenants.DeleteAsync(doomed.Tenant);

        Assert.Null(await harness.Storage.Tenants.GetAsync(doomed.Tenant));
        var report = await harness.CheckAsync(doomed);
        Assert.Empty(report.ResourcesByType);
        Assert.Equal(0, report.ChangeRows);
        Assert.Equal(1, await kept.CountAsync(UserType));
    }

    [Fact]
    public async Task A_silo_table_tenant_keeps_its_rows_in_its_own_table()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var id = TenantId.Parse(TestNames.TenantId());
        await harness.Storage.Tenants.CreateAsync(new TenantRecord { Id = id, Isolation = TenantIsolation.SiloTable, TableName = TestNames.TableName("silo") });
        var store = await harness.Storage.Stores.GetStoreAsync(id);

        await store.CreateAsync(UserType, User("a"), WriteContext.None);

        Assert.Equal(1, await store.CountAsync(UserType));
        Assert.Empty(harness.Storage.ResourceTable.Query<Azure.Data.Tables.TableEntity>(e => e.PartitionKey == id.Value));
        await harness.Storage.Tenants.DeleteAsync(id);
        Assert.Null(await harness.Storage.Tenants.GetAsync(id));
    }

    [Fact]
    public async Task MaxUsers_is_never_exceeded_even_by_racing_creates_and_the_error_is_a_400()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync(new TenantPolicy { MaxUsers = 13 });

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            try
            {
                await store.CreateAsync(UserType, User($"user{i}"), WriteContext.None);
                return 201;
            }
            catch (ScimException ex)
            {
                return ex.Status;
            }
        }));

        Assert.Equal(13, outcomes.Count(o => o == 201));
        Assert.Equal(27, outcomes.Count(o => o == 400));
        Assert.Equal(13, await store.CountAsync(UserType));
        Assert.True((await harness.CheckAsync(store)).IsConsistent);
    }

    [Fact]
    public async Task A_deleted_user_frees_its_place_in_the_quota()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync(new TenantPolicy { MaxUsers = 1, MaxGroups = 0 });
        var first = await store.CreateAsync(UserType, User("a"), WriteContext.None);

        Assert.Equal(400, (await Assert.ThrowsAsync<ScimException>(() => store.CreateAsync(UserType, User("b"), WriteContext.None))).Status);
        Assert.Equal(400, (await Assert.ThrowsAsync<ScimException>(() => store.CreateAsync(GroupType, Group("g"), WriteContext.None))).Status);
        await store.DeleteAsync(UserType, first.Id, null, WriteContext.None);
        await store.CreateAsync(UserType, User("b"), WriteContext.None);
    }

    [Fact]
    public async Task Operations_the_policy_does_not_allow_are_403_and_write_nothing()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync(new TenantPolicy { AllowedOperations = AllowedOperations.Read | AllowedOperations.Create });
        var user = await store.CreateAsync(UserType, User("a"), WriteContext.None);

        Assert.Equal(403, (await Assert.ThrowsAsync<ScimException>(() => store.DeleteAsync(UserType, user.Id, null, WriteContext.None))).Status);
        Assert.Equal(403, (await Assert.ThrowsAsync<ScimException>(() => store.ReplaceAsync(UserType, user.Id, User("b"), null, WriteContext.None))).Status);
        Assert.Equal(1, await store.CountAsync(UserType));
    }

    [Fact]
    public async Task An_expired_trial_tenant_can_read_but_not_write()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync(new TenantPolicy { ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1) });

        Assert.Equal(403, (await Assert.ThrowsAsync<ScimException>(() => store.CreateAsync(UserType, User("a"), WriteContext.None))).Status);
        Assert.Empty((await store.QueryAsync(UserType, ListQuery(UserType))).Resources);
    }
}
