using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using BenchmarkDotNet.Attributes;
using ScimFunctions.Core;
using ScimFunctions.Core.Filters;
using ScimFunctions.Core.Paging;
using ScimFunctions.Core.Resources;
using ScimFunctions.Core.Schemas;
using ScimFunctions.Storage;
using ScimFunctions.Storage.Abstractions;
using ScimFunctions.Storage.Consistency;
using ScimFunctions.Storage.Diagnostics;
using ScimFunctions.Storage.Resources;
using ScimFunctions.Storage.Tenants;
using ScimFunctions.Testing;

namespace ScimFunctions.Benchmarks.Storage;

/// <summary>
/// <c>filter=userName eq "…"</c> (what Entra ID and Okta send before every create) on a tenant of 1,000 and of
/// 100,000 users, against Azurite: the cost must not grow with the tenant. Storage requests per lookup are counted by
/// the <see cref="StorageRequestCounter"/> and printed after each run, with the seeding time.
/// Run: <c>dotnet run -c Release --project benchmarks/ScimFunctions.Benchmarks -- --filter '*UserNameLookup*'</c>.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class UserNameLookupBenchmarks
{
    private readonly StorageRequestCounter _requests = new();
    private readonly ResourceTypeDefinition _userType = ScimSchemas.UserResourceType();
    private ITenantScimStore _store = null!;
    private AzuriteInstance? _azurite;
    private AttributeSelection _withoutGroups = AttributeSelection.Default;
    private readonly UniqueAttributes _unique = UniqueAttributes.For(ScimSchemas.UserResourceType());
    private TableClient _table = null!;
    private string _tenant = string.Empty;
    private long _lookups;
    private long _requestsBefore;

    /// <summary>1,000 and 100,000 users (<c>SCIM_BENCH_LARGE_TENANT</c> changes the large size).</summary>
    [ParamsSource(nameof(TenantSizes))]
    public int TenantUsers { get; set; }

    public static IEnumerable<int> TenantSizes =>
        [1_000, int.TryParse(Environment.GetEnvironmentVariable("SCIM_BENCH_LARGE_TENANT"), CultureInfo.InvariantCulture, out var large) ? large : 100_000];

    /// <summary>
    /// Users go in through the store (<see cref="ITenantScimStore.CreateAsync"/>: resource, index rows, counter shard
    /// and change row in one transaction, as for a SCIM POST). Azurite finds an entity by scanning its partition, so a
    /// 100,000-user partition filled one insert at a time takes hours; the tenant is filled as shard tables of at most
    /// <see cref="UsersPerShardTable"/> users and merged into one table (the rows the store wrote, counter shards
    /// summed), then the <see cref="ConsistencyChecker"/> verifies the merged tenant (up to <see cref="CheckedSeedMaxUsers"/>).
    /// </summary>
    public const int UsersPerShardTable = 2_500;

    /// <summary>
    /// Larger tenants are not re-checked in every benchmark's setup: the checker pages through the partition and each
    /// Azurite page scans and sorts the whole table (about 10 minutes at 100,000 users). The seeding path itself is
    /// checked by <c>ShardTableSeedingTests</c> and by the scale run's consistency check.
    /// </summary>
    public const int CheckedSeedMaxUsers = 25_000;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _azurite = await AzuriteInstance.StartAsync();
        var resourceTable = TestNames.TableName("bench");
        var tenantTable = TestNames.TableName("benchtenants");
        var storage = await TableStorage.CreateAsync(Options(resourceTable, tenantTable));
        var tenant = await storage.Tenants.CreateAsync(new TenantRecord { Id = TenantId.Parse(TestNames.TenantId("bench")) });

        var watch = Stopwatch.StartNew();
        var shards = Enumerable.Range(0, (TenantUsers + UsersPerShardTable - 1) / UsersPerShardTable)
            .Select(k => (Table: resourceTable + "s" + k.ToString(CultureInfo.InvariantCulture), From: k * UsersPerShardTable, To: Math.Min(TenantUsers, (k + 1) * UsersPerShardTable)))
            .ToList();
        foreach (var shard in shards)
        {
            var shardStorage = await TableStorage.CreateAsync(Options(shard.Table, tenantTable));
            await SeedAsync(shardStorage.GetStore(tenant), shard.From, shard.To);
        }

        var seeded = watch.Elapsed;
        await _azurite.MergeTablesAsync(resourceTable, [.. shards.Select(s => s.Table)]);
        Console.WriteLine($"// Seeded {TenantUsers:N0} users through the store into {shards.Count} shard table(s) in {seeded.TotalSeconds:F1} s; {_azurite.LastMergeReport}");

        var options = Options(resourceTable, tenantTable);
        options.PerRetryPolicies.Add(_requests);
        storage = await TableStorage.CreateAsync(options);
        if (TenantUsers <= CheckedSeedMaxUsers)
        {
            watch.Restart();
            var report = await ConsistencyChecker.CheckAsync(storage, tenant.Id);
            Console.WriteLine($"// Consistency check of the merged tenant ({watch.Elapsed.TotalSeconds:F1} s): {report}");
            if (!report.IsConsistent || report.ResourcesByType.GetValueOrDefault("user") != TenantUsers)
            {
                throw new InvalidOperationException("The seeded tenant is not what the store would have written: " + report);
            }
        }

        _store = storage.GetStore(tenant);
        _table = storage.ResourceTable;
        _tenant = tenant.Id.Value;
        _withoutGroups = AttributeSelection.Parse(null, "groups", _userType);
        _requestsBefore = _requests.Total;
    }

    private TableStoreOptions Options(string resourceTable, string tenantTable) => new()
    {
        ConnectionString = _azurite!.ConnectionString,
        ResourceTable = resourceTable,
        TenantTable = tenantTable,
    };

    /// <summary>Index row (point read), then the user with its groups (one RowKey-range query under the user's key).</summary>
    [Benchmark(Baseline = true)]
    public Task<int> UserNameEq() => LookupAsync(AttributeSelection.Default);

    /// <summary>Index row, then the user row (two point reads): what Entra ID's matching needs when it excludes groups.</summary>
    [Benchmark]
    public Task<int> UserNameEqExcludingGroups() => LookupAsync(_withoutGroups);

    /// <summary>Baseline without the store: one raw point read of an index row, to tell the emulator's cost from ours.</summary>
    [Benchmark]
    public async Task<int> RawPointRead()
    {
        var n = Interlocked.Increment(ref _lookups);
        var userName = "user" + ((n * 7919) % TenantUsers).ToString(CultureInfo.InvariantCulture) + "@example.com";
        var entity = await _table.GetEntityIfExistsAsync<TableEntity>(_tenant, _unique.Key(_unique.Find("userName")!, userName));
        return entity.HasValue ? 1 : throw new InvalidOperationException("No index row for " + userName);
    }

    private async Task<int> LookupAsync(AttributeSelection selection)
    {
        var n = Interlocked.Increment(ref _lookups);
        var userName = "USER" + ((n * 7919) % TenantUsers).ToString(CultureInfo.InvariantCulture) + "@EXAMPLE.COM";
        var filter = ScimFilter.Parse($"userName eq \"{userName}\"");
        var result = await _store.QueryAsync(_userType, new ScimQuery(filter, selection, null, new PageRequest(1, 100, null)));
        return result.Resources.Count == 1 ? 1 : throw new InvalidOperationException("Lookup of " + userName + " found " + result.Resources.Count);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        Console.WriteLine($"// {TenantUsers:N0} users: {(double)(_requests.Total - _requestsBefore) / Math.Max(1, _lookups):F2} storage requests per lookup ({_lookups} lookups)");
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    /// <summary>Creates users <paramref name="from"/>..<paramref name="to"/>-1 through the store, 8 at a time.</summary>
    private async Task SeedAsync(ITenantScimStore store, int from, int to)
    {
        await Parallel.ForEachAsync(Enumerable.Range(from, to - from), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var name = $"user{i}@example.com";
            var document = new JsonObject
            {
                ["schemas"] = new JsonArray(ScimSchemaUrns.User),
                ["userName"] = name,
                ["externalId"] = "ext-" + i.ToString(CultureInfo.InvariantCulture),
                ["active"] = true,
                ["name"] = new JsonObject { ["givenName"] = "User", ["familyName"] = i.ToString(CultureInfo.InvariantCulture) },
                ["emails"] = new JsonArray(new JsonObject { ["value"] = name, ["type"] = "work", ["primary"] = true }),
            };
            await store.CreateAsync(_userType, ResourceValidator.Normalize(document, _userType), new WriteContext(Actor: "benchmark seed"), ct);
        });
    }
}
