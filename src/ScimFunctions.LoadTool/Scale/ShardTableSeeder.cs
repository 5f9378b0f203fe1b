using ScimFunctions.Core;
using ScimFunctions.LoadTool.Hosting;
using ScimFunctions.LoadTool.Scenarios;
using ScimFunctions.Storage;
using ScimFunctions.Storage.Abstractions;

namespace ScimFunctions.LoadTool.Scale;

/// <summary>
/// Fills one tenant of a large size for a scale run on Azurite. Azurite (LokiJS) finds an entity by scanning its
/// partition, so every insert into a partition of P rows costs O(P) and a 100,000-user tenant filled one create at a
/// time takes hours. This seeder runs the store's own create (<see cref="ITenantScimStore.CreateAsync"/>, the
/// transaction a SCIM POST runs) into "shard" tables of at most <see cref="SeedOptions.UsersPerTable"/> users each,
/// all under the tenant's partition key; <c>eng/azurite-merge-tables.js</c> then merges them into the resource table
/// while Azurite is stopped (counter shards summed), and the scale run's consistency check verifies the result.
/// On a real storage account, use <see cref="Seeder.ThroughStoreAsync"/> instead: inserts there do not slow down.
/// </summary>
internal static class ShardTableSeeder
{
    public static async Task<IReadOnlyList<string>> SeedAsync(string connectionString, SeedOptions options, Action<int>? created, CancellationToken cancellationToken)
    {
        var main = await TableStorage.CreateAsync(new TableStoreOptions { ConnectionString = connectionString }, cancellationToken: cancellationToken);
        var tenant = await InProcessScimHost.EnsureLoadTenantAsync(main.Tenants, TenantId.Parse(options.Tenant), cancellationToken);
        var population = new Population(options.PopulationPrefix, options.Users, 0);
        var tables = new List<string>();
        var done = 0;
        for (var from = 0; from < options.Users; from += options.UsersPerTable)
        {
            var table = main.ResourceTable.Name + "seed" + tables.Count.ToString(CultureInfo.InvariantCulture);
            tables.Add(table);
            var shard = await TableStorage.CreateAsync(new TableStoreOptions { ConnectionString = connectionString, ResourceTable = table }, cancellationToken: cancellationToken);
            var store = shard.GetStore(tenant);
            await Seeder.CreateUsersAsync(store, population, from, Math.Min(options.UsersPerTable, options.Users - from), options.Concurrency, () => created?.Invoke(Interlocked.Increment(ref done)), cancellationToken);
        }

        return tables;
    }
}

/// <summary>What <c>scimload seed</c> fills.</summary>
internal sealed record SeedOptions(string Tenant, int Users, int UsersPerTable, int Concurrency, string PopulationPrefix = "scale");
