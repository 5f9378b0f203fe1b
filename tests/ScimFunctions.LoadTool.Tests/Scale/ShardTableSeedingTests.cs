using Azure.Data.Tables;
using ScimFunctions.Core;
using ScimFunctions.LoadTool.Client;
using ScimFunctions.LoadTool.Hosting;
using ScimFunctions.LoadTool.Scale;
using ScimFunctions.Storage;
using ScimFunctions.Storage.Consistency;
using ScimFunctions.Testing;

namespace ScimFunctions.LoadTool.Tests.Scale;

/// <summary>
/// The large-tenant seeding path of the scale run (<c>scimload seed</c> into shard tables, then
/// <c>eng/azurite-merge-tables.js</c>) must leave exactly what the store would have written into one table: the
/// consistency checker finds nothing wrong, the counters add up, and the API finds every user.
/// </summary>
public sealed class ShardTableSeedingTests
{
    [Fact]
    public async Task Shard_tables_merged_into_the_resource_table_form_a_consistent_tenant_the_api_serves()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var cancellationToken = timeout.Token;
        await using var azurite = await AzuriteInstance.StartAsync(cancellationToken: cancellationToken);
        var tables = await ShardTableSeeder.SeedAsync(azurite.ConnectionString, new SeedOptions("seeded", Users: 250, UsersPerTable: 100, Concurrency: 4), null, cancellationToken);
        Assert.Equal(["scimseed0", "scimseed1", "scimseed2"], tables);

        await azurite.MergeTablesAsync("scim", tables, cancellationToken);

        var storage = await TableStorage.CreateAsync(new TableStoreOptions { ConnectionString = azurite.ConnectionString }, cancellationToken: cancellationToken);
        var report = await ConsistencyChecker.CheckAsync(storage, TenantId.Parse("seeded"), cancellationToken: cancellationToken);
        Assert.True(report.IsConsistent, report.ToString());
        Assert.Equal(250, report.ResourcesByType["user"]);
        Assert.Equal(250, report.ChangeRows);
        var service = new TableServiceClient(azurite.ConnectionString);
        Assert.Empty(await service.QueryAsync(t => t.Name == "scimseed0").ToListAsync(cancellationToken));

        await using var host = await InProcessScimHost.StartAsync(azurite.ConnectionString, cancellationToken: cancellationToken);
        var (baseUrl, token) = await host.CreateTenantAsync("seeded", cancellationToken);
        using var http = new HttpClient();
        var client = new ScimClient(http, baseUrl, token);
        var population = new LoadTool.Scenarios.Population("scale", 250, 0);
        var count = await client.GetAsync("count", "Users?count=0", cancellationToken);
        Assert.Equal(250, count.TotalResults);
        foreach (var i in new[] { 0, 99, 100, 249 })
        {
            var found = await client.GetAsync("find", "Users?filter=" + Uri.EscapeDataString($"userName eq \"{population.UserName(i)}\""), cancellationToken);
            Assert.Equal(1, found.TotalResults);
        }
    }

    [Fact]
    public async Task The_merge_refuses_rows_that_differ_between_tables_and_writes_nothing()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var cancellationToken = timeout.Token;
        await using var azurite = await AzuriteInstance.StartAsync(cancellationToken: cancellationToken);
        var service = new TableServiceClient(azurite.ConnectionString);
        foreach (var (table, value) in new[] { ("target", "a"), ("source", "b") })
        {
            var client = service.GetTableClient(table);
            await client.CreateIfNotExistsAsync(cancellationToken);
            await client.AddEntityAsync(new TableEntity("p", "same-key") { ["Value"] = value }, cancellationToken);
            await client.AddEntityAsync(new TableEntity("p", "only-" + table) { ["Value"] = value }, cancellationToken);
        }

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => azurite.MergeTablesAsync("target", ["source"], cancellationToken));
        Assert.Contains("same-key differs", failure.Message, StringComparison.Ordinal);

        var rows = await service.GetTableClient("target").QueryAsync<TableEntity>(cancellationToken: cancellationToken).ToListAsync(cancellationToken);
        Assert.Equal(["only-target", "same-key"], rows.Select(r => r.RowKey).Order(StringComparer.Ordinal));
        Assert.Equal("a", rows.Single(r => r.RowKey == "same-key")["Value"]);
        Assert.Equal(2, await service.GetTableClient("source").QueryAsync<TableEntity>(cancellationToken: cancellationToken).CountAsync(cancellationToken));
    }
}
