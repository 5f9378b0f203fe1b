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
using ScimFunctions.Storage.Diagnostics;
using ScimFunctions.Storage.Keys;
using ScimFunctions.Storage.Resources;
using ScimFunctions.Storage.Tables;
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

    /// <summary>
    /// 1,000 and 100,000 users. Azurite's insert cost grows with the partition (seeding 100,000 users did not finish in
    /// 45 minutes, in memory or on disk), so <c>SCIM_BENCH_LARGE_TENANT</c> can lower the large size for a local run.
    /// </summary>
    [ParamsSource(nameof(TenantSizes))]
    public int TenantUsers { get; set; }

    public static IEnumerable<int> TenantSizes =>
        [1_000, int.TryParse(Environment.GetEnvironmentVariable("SCIM_BENCH_LARGE_TENANT"), CultureInfo.InvariantCulture, out var large) ? large : 100_000];

    [GlobalSetup]
    public async Task SetupAsync()
    {
        // A private in-memory Azurite: its default on-disk mode rewrites the whole database every 5 s, which makes
        // seeding 100,000 users take far longer than the lookups being measured.
        _azurite = await AzuriteInstance.StartAsync(inMemory: true);
        var options = new TableStoreOptions
        {
            ConnectionString = _azurite.ConnectionString,
            ResourceTable = TestNames.TableName("bench"),
            TenantTable = TestNames.TableName("benchtenants"),
        };
        options.PerRetryPolicies.Add(_requests);
        var storage = await TableStorage.CreateAsync(options);
        var tenant = await storage.Tenants.CreateAsync(new TenantRecord { Id = TenantId.Parse(TestNames.TenantId("bench")) });
        var watch = Stopwatch.StartNew();
        await SeedAsync(storage.ResourceTable, tenant.Id, TenantUsers);
        Console.WriteLine($"// Seeded {TenantUsers:N0} users (resource + index rows, 100-action transactions) in {watch.Elapsed.TotalSeconds:F1} s");
        _store = storage.GetStore(tenant);
        _table = storage.ResourceTable;
        _tenant = tenant.Id.Value;
        _withoutGroups = AttributeSelection.Parse(null, "groups", _userType);
        _requestsBefore = _requests.Total;
    }

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

    /// <summary>Writes users the way the store does (resource row + userName index row), 50 users per transaction, 8 in flight.</summary>
    private static async Task SeedAsync(TableClient table, TenantId tenant, int users)
    {
        var partition = new TenantPartition(table, tenant);
        var unique = UniqueAttributes.For(ScimSchemas.UserResourceType());
        var userName = unique.Find("userName")!;
        var now = DateTimeOffset.UtcNow;
        using var gate = new SemaphoreSlim(8);
        var tasks = Enumerable.Range(0, users).Chunk(50).Select(async chunk =>
        {
            await gate.WaitAsync();
            try
            {
                var actions = new List<TableTransactionAction>();
                foreach (var i in chunk)
                {
                    var id = KeyEncoding.NewResourceId();
                    var name = $"user{i}@example.com";
                    var document = new JsonObject
                    {
                        ["schemas"] = new JsonArray(ScimSchemaUrns.User),
                        ["id"] = id,
                        ["userName"] = name,
                        ["active"] = true,
                        ["name"] = new JsonObject { ["givenName"] = "User", ["familyName"] = i.ToString(CultureInfo.InvariantCulture) },
                        ["emails"] = new JsonArray(new JsonObject { ["value"] = name, ["type"] = "work", ["primary"] = true }),
                        ["meta"] = new JsonObject { ["resourceType"] = "User", ["created"] = now.ToString("O"), ["lastModified"] = now.ToString("O") },
                    };
                    actions.Add(new TableTransactionAction(TableTransactionActionType.Add, ResourceRow.ToEntity(partition, "user", id, document, null)));
                    var index = partition.NewEntity(unique.Key(userName, name));
                    index[Columns.Kind] = RowKinds.Index;
                    index[Columns.TargetId] = id;
                    actions.Add(new TableTransactionAction(TableTransactionActionType.Add, index));
                }

                await table.SubmitTransactionAsync(actions);
            }
            finally
            {
                gate.Release();
            }
        });
        await Task.WhenAll(tasks);
    }
}
