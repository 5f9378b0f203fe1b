using ScimFunctions.Core;
using ScimFunctions.Storage.Tenants;
using ScimFunctions.Testing;

namespace ScimFunctions.Storage.IntegrationTests;

/// <summary>The store provider (the CLI's and the load tool's way to a tenant's store) caches in the one bounded, single-flight cache.</summary>
public sealed class TenantStoreProviderTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Concurrent_first_uses_of_a_tenant_share_one_registry_read()
    {
        var harness = await StorageHarness.CreateAsync(azurite.ConnectionString);
        var tenant = await harness.Storage.Tenants.CreateAsync(new TenantRecord { Id = TenantId.Parse(TestNames.TenantId()) });
        var provider = new TenantStoreProvider(harness.Storage, harness.Storage.Tenants, TimeProvider.System);

        var before = harness.Requests.Total;
        var stores = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(async () => await provider.GetStoreAsync(tenant.Id))));

        Assert.Equal(40, stores.Length);
        Assert.Equal(1, harness.Requests.Total - before);
    }

    [Fact]
    public async Task At_most_its_capacity_of_tenants_is_kept_the_least_recently_used_read_again()
    {
        var harness = await StorageHarness.CreateAsync(azurite.ConnectionString);
        var tenants = new List<TenantId>();
        for (var i = 0; i < 3; i++)
        {
            tenants.Add((await harness.Storage.Tenants.CreateAsync(new TenantRecord { Id = TenantId.Parse(TestNames.TenantId()) })).Id);
        }

        var provider = new TenantStoreProvider(harness.Storage, harness.Storage.Tenants, TimeProvider.System, capacity: 2);
        foreach (var tenant in tenants)
        {
            await provider.GetStoreAsync(tenant);
        }

        var before = harness.Requests.Total;
        await provider.GetStoreAsync(tenants[2]); // kept
        await provider.GetStoreAsync(tenants[1]); // kept
        Assert.Equal(0, harness.Requests.Total - before);
        await provider.GetStoreAsync(tenants[0]); // evicted when the third came
        Assert.Equal(1, harness.Requests.Total - before);
    }

    [Fact]
    public async Task An_unknown_tenant_is_404_and_not_cached()
    {
        var harness = await StorageHarness.CreateAsync(azurite.ConnectionString);
        var provider = new TenantStoreProvider(harness.Storage, harness.Storage.Tenants, TimeProvider.System);
        var unknown = TenantId.Parse(TestNames.TenantId());

        Assert.Equal(404, (await Assert.ThrowsAsync<Core.Errors.ScimException>(async () => await provider.GetStoreAsync(unknown))).Status);
        var created = await harness.Storage.Tenants.CreateAsync(new TenantRecord { Id = unknown });

        Assert.NotNull(await provider.GetStoreAsync(created.Id));
    }
}
