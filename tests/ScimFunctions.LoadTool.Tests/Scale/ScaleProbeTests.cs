using Microsoft.Extensions.DependencyInjection;
using ScimFunctions.Core;
using ScimFunctions.LoadTool.Client;
using ScimFunctions.LoadTool.Hosting;
using ScimFunctions.LoadTool.Scale;
using ScimFunctions.LoadTool.Scenarios;
using ScimFunctions.Storage.Abstractions;
using ScimFunctions.Testing;

namespace ScimFunctions.LoadTool.Tests.Scale;

/// <summary>The scale probe on the real host: walks read every user, and their storage cost grows with pages, not users squared.</summary>
public sealed class ScaleProbeTests
{
    private const int PageSize = 50;

    [Fact]
    public async Task Whole_tenant_walks_read_every_user_at_a_bounded_number_of_storage_requests_per_page()
    {
        var connectionString = await SharedAzurite.GetConnectionStringAsync();
        await using var host = await InProcessScimHost.StartAsync(connectionString);
        using var http = new HttpClient();

        var small = await WalkBothWaysAsync(host, http, users: 100);
        var large = await WalkBothWaysAsync(host, http, users: 300);

        foreach (var (users, walks) in new[] { (100, small), (300, large) })
        {
            foreach (var walk in walks)
            {
                Assert.Equal(users, walk.UsersRead);
                Assert.Equal((users + PageSize - 1) / PageSize, walk.Pages);
                Assert.InRange(walk.StorageRequestsPerPage ?? 0, 1, 3);
            }
        }

        Assert.All(Enumerable.Range(0, 2), i => Assert.InRange((double)large[i].StorageRequests!.Value / small[i].StorageRequests!.Value, 2, 4));
    }

    [Fact]
    public async Task Indexed_filters_cost_the_same_storage_requests_whatever_the_size_and_scans_are_reported_apart()
    {
        var connectionString = await SharedAzurite.GetConnectionStringAsync();
        await using var host = await InProcessScimHost.StartAsync(connectionString);
        using var http = new HttpClient();
        var (client, population, _) = await SeededTenantAsync(host, http, users: 120);

        var filters = await new ScaleProbe(client, concurrency: 4).FiltersAsync(population, indexedSamples: 20, scanSamples: 2, CancellationToken.None);

        Assert.Equal(3, filters.Count);
        Assert.All(filters, f => Assert.Equal(0, f.ErrorCount));
        Assert.All(filters.Where(f => f.Operation != ScaleProbe.ScanFilter), f => Assert.Equal(20, f.Count));
        Assert.Equal(2, Assert.Single(filters, f => f.Operation == ScaleProbe.ScanFilter).Count);
        Assert.All(filters, f => Assert.NotNull(f.StorageRequestsPerOperation));
    }

    private static async Task<PagingResult[]> WalkBothWaysAsync(InProcessScimHost host, HttpClient http, int users)
    {
        var (client, _, _) = await SeededTenantAsync(host, http, users);
        var probe = new ScaleProbe(client, concurrency: 4);
        return
        [
            await probe.WalkAsync(PagingMode.Index, PageSize, CancellationToken.None),
            await probe.WalkAsync(PagingMode.Cursor, PageSize, CancellationToken.None),
        ];
    }

    private static async Task<(ScimClient Client, Population Population, SeedResult Seed)> SeededTenantAsync(InProcessScimHost host, HttpClient http, int users)
    {
        var tenant = "scale-" + Guid.NewGuid().ToString("N")[..10];
        var (baseUrl, token) = await host.CreateTenantAsync(tenant);
        var population = new Population("probe", users, 0);
        var seed = await Seeder.ThroughStoreAsync(host.Services.GetRequiredService<ITenantStoreProvider>(), TenantId.Parse(tenant), population, 0, 8, CancellationToken.None);
        return (new ScimClient(http, baseUrl, token), population, seed);
    }
}
