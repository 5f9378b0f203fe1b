using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using ScimFunctions.Core;
using ScimFunctions.Core.Patch;
using ScimFunctions.Core.Resources;
using ScimFunctions.Core.Schemas;
using ScimFunctions.Storage;
using ScimFunctions.Storage.Abstractions;
using ScimFunctions.Storage.Diagnostics;
using ScimFunctions.Storage.Tenants;
using ScimFunctions.Testing;

namespace ScimFunctions.Benchmarks.Storage;

/// <summary>
/// A group of 100 and of 10,000 members (<c>SCIM_BENCH_LARGE_GROUP</c> changes the large size), against Azurite:
/// reading the group without members (what Entra ID asks for) and adding then removing one member must cost the same
/// storage requests whatever the group's size. The setup prints what filling the group cost (chunked transactions) and
/// the cleanup what deleting it cost. Run:
/// <c>dotnet run -c Release --project benchmarks/ScimFunctions.Benchmarks -- --filter '*LargeGroup*'</c>.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class LargeGroupBenchmarks
{
    private readonly StorageRequestCounter _requests = new();
    private readonly ResourceTypeDefinition _userType = ScimSchemas.UserResourceType();
    private readonly ResourceTypeDefinition _groupType = ScimSchemas.GroupResourceType();
    private AzuriteInstance? _azurite;
    private ITenantScimStore _store = null!;
    private AttributeSelection _withoutMembers = AttributeSelection.Default;
    private string _groupId = string.Empty;
    private string _outsiderId = string.Empty;
    private long _operations;
    private long _requestsBefore;

    [ParamsSource(nameof(GroupSizes))]
    public int Members { get; set; }

    public static IEnumerable<int> GroupSizes =>
        [100, int.TryParse(Environment.GetEnvironmentVariable("SCIM_BENCH_LARGE_GROUP"), CultureInfo.InvariantCulture, out var large) ? large : 10_000];

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _azurite = await AzuriteInstance.StartAsync(inMemory: true);
        var options = new TableStoreOptions
        {
            ConnectionString = _azurite.ConnectionString,
            ResourceTable = TestNames.TableName("bench"),
            TenantTable = TestNames.TableName("benchtenants"),
        };
        options.PerRetryPolicies.Add(_requests);
        var storage = await TableStorage.CreateAsync(options);
        var tenant = await storage.Tenants.CreateAsync(new TenantRecord { Id = TenantId.Parse(TestNames.TenantId("group")) });
        _store = storage.GetStore(tenant);

        var ids = new string[Members];
        await Parallel.ForEachAsync(Enumerable.Range(0, Members), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            ids[i] = (await _store.CreateAsync(_userType, UserDocument("member" + i.ToString(CultureInfo.InvariantCulture)), WriteContext.None, ct)).Id);
        _outsiderId = (await _store.CreateAsync(_userType, UserDocument("outsider"), WriteContext.None)).Id;
        var group = ResourceValidator.Normalize(new JsonObject { ["schemas"] = new JsonArray(ScimSchemaUrns.Group), ["displayName"] = "Everyone" }, _groupType);
        _groupId = (await _store.CreateAsync(_groupType, group, WriteContext.None)).Id;

        // Filled the way Entra ID and Okta do it: PATCH add, here 1,000 members per request.
        var watch = Stopwatch.StartNew();
        var before = _requests.Total;
        foreach (var chunk in ids.Chunk(1_000))
        {
            await _store.PatchAsync(_groupType, _groupId, MemberPatch(PatchOperationType.Add, chunk), CompatibilityOptions.Default, null, WriteContext.None);
        }

        Console.WriteLine($"// Filled a group with {Members:N0} members by PATCH add (1,000 per request): {_requests.Total - before:N0} storage requests in {watch.Elapsed.TotalSeconds:F1} s");
        _withoutMembers = AttributeSelection.Parse(null, "members", _groupType);
        _requestsBefore = _requests.Total;
    }

    /// <summary><c>GET /Groups/{id}?excludedAttributes=members</c>: the group row only.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> GetExcludingMembers()
    {
        Interlocked.Increment(ref _operations);
        var group = await _store.GetAsync(_groupType, _groupId, _withoutMembers);
        return group?.Resource["members"] is null ? 1 : throw new InvalidOperationException("Members were read.");
    }

    /// <summary>Two PATCHes: add one member, remove it again (the group's size does not change between runs).</summary>
    [Benchmark]
    public async Task<int> AddThenRemoveOneMember()
    {
        Interlocked.Add(ref _operations, 2);
        await _store.PatchAsync(_groupType, _groupId, MemberPatch(PatchOperationType.Add, [_outsiderId]), CompatibilityOptions.Default, null, WriteContext.None);
        await _store.PatchAsync(_groupType, _groupId, MemberPatch(PatchOperationType.Remove, [_outsiderId]), CompatibilityOptions.Default, null, WriteContext.None);
        return 2;
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        Console.WriteLine($"// {Members:N0} members: {(double)(_requests.Total - _requestsBefore) / Math.Max(1, _operations):F2} storage requests per operation ({_operations} operations)");
        var watch = Stopwatch.StartNew();
        var before = _requests.Total;
        await _store.DeleteAsync(_groupType, _groupId, null, WriteContext.None);
        Console.WriteLine($"// Deleted the group of {Members:N0} members: {_requests.Total - before:N0} storage requests in {watch.Elapsed.TotalSeconds:F1} s");
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    private JsonObject UserDocument(string userName) =>
        ResourceValidator.Normalize(new JsonObject { ["schemas"] = new JsonArray(ScimSchemaUrns.User), ["userName"] = userName }, _userType);

    private static PatchRequest MemberPatch(PatchOperationType operation, IEnumerable<string> ids) =>
        new([new PatchOperation(operation, "members", new JsonArray([.. ids.Select(id => (JsonNode)new JsonObject { ["value"] = id })]))]);
}
