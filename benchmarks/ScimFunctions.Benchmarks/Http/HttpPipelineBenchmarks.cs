using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ScimFunctions.Core;
using ScimFunctions.LocalHost;
using ScimFunctions.Storage;
using ScimFunctions.Storage.Diagnostics;
using ScimFunctions.Storage.Keys;
using ScimFunctions.Storage.Limits;
using ScimFunctions.Storage.Tables;
using ScimFunctions.Storage.Tenants;
using ScimFunctions.Storage.Tokens;
using ScimFunctions.Testing;
using ScimFunctions.Testing.InMemoryTables;

namespace ScimFunctions.Benchmarks.Http;

/// <summary>
/// The whole HTTP pipeline in-process, per request: the local host's composition (routing, tenant gate, bearer token
/// verification, handlers, the real store and the Azure SDK's pipeline with signing and (de)serialisation) on the
/// ASP.NET Core test server, over <see cref="InMemoryTableTransport"/> — Table Storage's protocol answered from
/// memory, so the figures are the stack's own CPU and allocations without an emulator or a network. The transport's
/// own share is what <see cref="RawSdkGetUser"/> (the same storage reads through the bare SDK) costs.
/// Each benchmark runs a fixed number of invocations (so the member PATCH always adds members that were not there).
/// Run: <c>dotnet run -c Release --project benchmarks/ScimFunctions.Benchmarks -- --filter '*HttpPipeline*'</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(FixedInvocations))]
public class HttpPipelineBenchmarks
{
    /// <summary>
    /// In this process (no generated project to build; the host and the transport are this assembly's), a fixed number
    /// of invocations per iteration.
    /// </summary>
    private sealed class FixedInvocations : ManualConfig
    {
        public FixedInvocations() => AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(8)
            .WithInvocationCount(InvocationsPerIteration).WithUnrollFactor(1));
    }

    /// <summary>Invocations per iteration; with the warm-ups and the iterations, <see cref="MemberBlocks"/> × <see cref="MemberGroups"/> must exceed the total.</summary>
    public const int InvocationsPerIteration = 200;

    private const int MemberGroups = 120;
    private const int MemberBlocks = 20;
    private const int MembersPerPatch = 10;

    /// <summary>Users beyond the members, so the tenant holds about 1,000 (as the load tool's) and a page of 100 is a tenth of it.</summary>
    private const int OtherUsers = 800;
    private const string ScimJson = "application/scim+json";
    private const string UserSegment = "user";

    private readonly StorageRequestCounter _requests = new();
    private Func<long> _transportAllocated = () => 0;
    private long _transportBytesBefore;
    private WebApplication _app = null!;
    private HttpClient _client = null!;
    private Azure.Data.Tables.TableClient _resourceTable = null!;
    private string _partition = string.Empty;
    private string _userId = string.Empty;
    private string _userName = string.Empty;
    private List<string> _memberIds = [];
    private List<string> _groupIds = [];
    private long _invocations;
    private long _requestsBefore;

    /// <summary>The raw baselines' own partition, so their writes never touch the tenant the stack serves.</summary>
    private const string RawPartition = "rawbaseline";
    private string _indexRowKey = string.Empty;
    private string _rawUserId = string.Empty;
    private string _rawDocument = string.Empty;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var transport = new InMemoryTableTransport();
        _transportAllocated = () => transport.Service.AllocatedBytes;
        var settings = HostSettings.Fresh(InMemoryTableTransport.ConnectionString, "bench-operator-key-0123456789abcdef");
        var builder = ScimLocalHost.CreateBuilder([], b =>
        {
            b.WebHost.UseTestServer();
            b.Configuration.AddInMemoryCollection(settings);
            b.Services.AddSingleton(provider =>
            {
                var options = TableStoreOptions.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
                options.Transport = transport;
                options.PerRetryPolicies.Add(_requests);
                return TableStorage.Create(options, credential: null, provider.GetRequiredService<TimeProvider>());
            });
            b.Logging.ClearProviders();
        });
        foreach (var dispatcher in builder.Services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(ScimFunctions.Http.Events.EventHostedService)).ToList())
        {
            builder.Services.Remove(dispatcher);
        }

        _app = ScimLocalHost.Build(builder);
        await _app.StartAsync();
        var storage = _app.Services.GetRequiredService<TableStorage>();
        await storage.EnsureTablesAsync();
        var tenant = await storage.Tenants.CreateAsync(new TenantRecord
        {
            Id = TenantId.Parse(TestNames.TenantId("bench")),
            Created = DateTimeOffset.UtcNow,
            Policy = TenantPolicy.Default with { RequestsPerSecond = Ceilings.RequestsPerSecond },
        });
        var token = await _app.Services.GetRequiredService<TokenIssuer>().IssueAsync(tenant.Id);
        _client = _app.GetTestServer().CreateClient();
        _client.BaseAddress = new Uri(_client.BaseAddress!, "scim/v2/" + tenant.Id.Value + "/");
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        _resourceTable = storage.ResourceTable;
        _partition = tenant.Id.Value;

        // The user read and matched: in one group, as a provisioned user typically is.
        _userName = "reader@example.com";
        _userId = await CreateUserAsync(_userName);
        await SendAsync(HttpMethod.Post, "Groups", """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Readers","members":[{"value":"ID"}]}""".Replace("ID", _userId, StringComparison.Ordinal), HttpStatusCode.Created);
        _memberIds = [];
        for (var i = 0; i < MemberBlocks * MembersPerPatch; i++)
        {
            _memberIds.Add(await CreateUserAsync("member" + i.ToString(CultureInfo.InvariantCulture) + "@example.com"));
        }

        for (var i = 0; i < OtherUsers; i++)
        {
            await CreateUserAsync("other" + i.ToString(CultureInfo.InvariantCulture) + "@example.com");
        }

        _groupIds = [];
        for (var g = 0; g < MemberGroups; g++)
        {
            var group = await SendAsync(HttpMethod.Post, "Groups", """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"G""" + g.ToString(CultureInfo.InvariantCulture) + "\"}", HttpStatusCode.Created);
            _groupIds.Add((string)group!["id"]!);
        }

        var partition = await storage.Tenants.GetAsync(tenant.Id);
        _partition = TenantPartition.KeyOf(partition!.Id, partition.Incarnation);

        // The raw baselines' rows: an index row of the tenant to look up (as the eq filter does), and a user of their
        // own, with a stored document of the size the stack stores, to read and replace.
        var indexPrefix = RowKeys.Index(UserSegment, string.Empty, string.Empty)[..^1];
        await foreach (var row in _resourceTable.QueryAsync<Azure.Data.Tables.TableEntity>(
            Azure.Data.Tables.TableClient.CreateQueryFilter($"PartitionKey eq {_partition} and RowKey ge {indexPrefix} and RowKey lt {RowKeys.PrefixEnd(indexPrefix)}"), maxPerPage: 1))
        {
            _indexRowKey = row.RowKey;
            break;
        }

        _rawDocument = """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"ID","userName":"raw@example.com","externalId":"ext-raw@example.com","active":true,"displayName":"Some User","name":{"givenName":"Some","familyName":"User"},"emails":[{"value":"raw@example.com","type":"work","primary":true}],"meta":{"resourceType":"User","created":"2026-12-01T00:00:00.0000000Z","lastModified":"2026-12-01T00:00:00.0000000Z"}}""";
        _rawUserId = Guid.NewGuid().ToString();
        await _resourceTable.AddEntityAsync(RawResource(_rawUserId));
        _requestsBefore = _requests.Total;
        _transportBytesBefore = _transportAllocated();
    }

    /// <summary>
    /// For the profiling commands (alloc-profile, alloc-stacks, cpu-profile): a set-up instance and, per benchmark named,
    /// a call of it, each called <paramref name="warmUp"/> times before it is handed out.
    /// </summary>
    internal static async Task<(HttpPipelineBenchmarks Bench, Func<Task>[] Invoke)> StartAsync(IReadOnlyList<string> benchmarks, int warmUp)
    {
        var bench = new HttpPipelineBenchmarks();
        await bench.SetupAsync();
        var invoke = benchmarks.Select(name => typeof(HttpPipelineBenchmarks).GetMethod(name) ?? throw new ArgumentException("No benchmark " + name))
            .Select(method => (Func<Task>)(() => (Task)method.Invoke(bench, null)!)).ToArray();
        foreach (var call in invoke)
        {
            for (var i = 0; i < warmUp; i++)
            {
                await call();
            }
        }

        return (bench, invoke);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        var invocations = Math.Max(1, _invocations);
        Console.WriteLine($"// {(double)(_requests.Total - _requestsBefore) / invocations:F2} storage requests per invocation ({_invocations} invocations); "
            + $"the in-memory storage service allocated {(_transportAllocated() - _transportBytesBefore) / 1024.0 / invocations:F1} KB per invocation (included in Allocated)");
        _client.Dispose();
        await _app.DisposeAsync();
    }

    /// <summary>
    /// GET /health: the HTTP floor of every benchmark here — the benchmark's HttpClient, the test server, ASP.NET Core
    /// routing and the SCIM pipeline's entry and JSON response, without a credential or a storage request.
    /// </summary>
    [Benchmark]
    public Task Health() => Count(SendAsync(HttpMethod.Get, "/health", null, HttpStatusCode.OK));

    /// <summary>GET /Users/{id}: the user (with its group) as stored.</summary>
    [Benchmark]
    public Task GetUser() => Count(SendAsync(HttpMethod.Get, "Users/" + _userId, null, HttpStatusCode.OK));

    /// <summary>GET /Users?filter=userName eq "…" that matches (what Entra ID and Okta send before each create).</summary>
    [Benchmark]
    public Task FilterUserNameEq() => Count(SendAsync(HttpMethod.Get, "Users?filter=userName%20eq%20%22READER%40example.com%22", null, HttpStatusCode.OK));

    /// <summary>GET /Users?startIndex=1&amp;count=100: the first page of Okta's import (users with their groups).</summary>
    [Benchmark]
    public Task ListUsersPage() => Count(SendAsync(HttpMethod.Get, "Users?startIndex=1&count=100", null, HttpStatusCode.OK));

    /// <summary>POST /Users of a new user.</summary>
    [Benchmark]
    public Task PostUser() => CreateUserAsync("new" + Interlocked.Increment(ref _invocations).ToString(CultureInfo.InvariantCulture) + "@example.com");

    /// <summary>PATCH /Users/{id} replacing two attributes with new values (every invocation changes the user).</summary>
    [Benchmark]
    public Task PatchUser()
    {
        var n = Interlocked.Increment(ref _invocations).ToString(CultureInfo.InvariantCulture);
        return SendAsync(HttpMethod.Patch, "Users/" + _userId, """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"displayName","value":"Reader {n}"},{"op":"replace","path":"title","value":"T {n}"}]}""".Replace("{n}", n, StringComparison.Ordinal), HttpStatusCode.NoContent, HttpStatusCode.OK);
    }

    /// <summary>PATCH /Groups/{id} adding 10 members not yet in the group (a different group or block of users every invocation).</summary>
    [Benchmark]
    public Task PatchGroupAdd10Members()
    {
        var n = (int)(Interlocked.Increment(ref _invocations) - 1);
        var group = _groupIds[(n / MemberBlocks) % MemberGroups];
        var block = _memberIds.Skip(n % MemberBlocks * MembersPerPatch).Take(MembersPerPatch);
        var members = string.Join(",", block.Select(id => "{\"value\":\"" + id + "\"}"));
        return SendAsync(HttpMethod.Patch, "Groups/" + group, """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"members","value":[M]}]}""".Replace("M", members, StringComparison.Ordinal), HttpStatusCode.NoContent, HttpStatusCode.OK);
    }

    /// <summary>The storage side of <see cref="GetUser"/> through the bare SDK: the user's rows (resource and group relation) by one range query.</summary>
    [Benchmark]
    public async Task RawSdkGetUser()
    {
        Interlocked.Increment(ref _invocations);
        var filter = Azure.Data.Tables.TableClient.CreateQueryFilter($"PartitionKey eq {_partition} and RowKey ge {RowKeys.Resource(UserSegment, _userId)} and RowKey lt {RowKeys.ResourceEnd(UserSegment, _userId)}");
        var rows = 0;
        await foreach (var row in _resourceTable.QueryAsync<Azure.Data.Tables.TableEntity>(filter))
        {
            rows += row.Count > 0 ? 1 : 0;
        }

        if (rows == 0)
        {
            throw new InvalidOperationException("No rows for the user.");
        }
    }

    /// <summary>
    /// The storage side of <see cref="FilterUserNameEq"/> through the bare SDK: the userName index row by its key, then
    /// the user's rows by one range query.
    /// </summary>
    [Benchmark]
    public async Task RawSdkFilterUserNameEq()
    {
        var index = await _resourceTable.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>(_partition, _indexRowKey);
        if (!index.HasValue)
        {
            throw new InvalidOperationException("No index row.");
        }

        await RawSdkGetUser();
    }

    /// <summary>
    /// The storage side of <see cref="PostUser"/> through the bare SDK: one entity-group transaction holding the new
    /// user's row, two index rows, a counter row and a change row (what the store's create writes).
    /// </summary>
    [Benchmark]
    public async Task RawSdkPostUser()
    {
        var n = Interlocked.Increment(ref _invocations).ToString(CultureInfo.InvariantCulture);
        var id = Guid.NewGuid().ToString();
        await _resourceTable.SubmitTransactionAsync(
        [
            new(Azure.Data.Tables.TableTransactionActionType.Add, RawResource(id)),
            new(Azure.Data.Tables.TableTransactionActionType.Add, new Azure.Data.Tables.TableEntity(RawPartition, RowKeys.Index(UserSegment, "username", "new" + n)) { ["Id"] = id }),
            new(Azure.Data.Tables.TableTransactionActionType.Add, new Azure.Data.Tables.TableEntity(RawPartition, RowKeys.Index(UserSegment, "externalid", "ext-new" + n)) { ["Id"] = id }),
            new(Azure.Data.Tables.TableTransactionActionType.UpsertMerge, new Azure.Data.Tables.TableEntity(RawPartition, RowKeys.Counter(UserSegment, 0)) { ["Count"] = _invocations }),
            new(Azure.Data.Tables.TableTransactionActionType.Add, RawChange(id)),
        ]);
    }

    /// <summary>
    /// The storage side of <see cref="PatchUser"/> through the bare SDK: the user's rows by one range query, then one
    /// transaction replacing the user's row under its ETag and adding a change row.
    /// </summary>
    [Benchmark]
    public async Task RawSdkPatchUser()
    {
        Azure.Data.Tables.TableEntity? resource = null;
        await foreach (var row in _resourceTable.QueryAsync<Azure.Data.Tables.TableEntity>(Azure.Data.Tables.TableClient.CreateQueryFilter(
            $"PartitionKey eq {RawPartition} and RowKey ge {RowKeys.Resource(UserSegment, _rawUserId)} and RowKey lt {RowKeys.ResourceEnd(UserSegment, _rawUserId)}")))
        {
            resource ??= row;
        }

        await _resourceTable.SubmitTransactionAsync(
        [
            new(Azure.Data.Tables.TableTransactionActionType.UpdateReplace, RawResource(_rawUserId), resource!.ETag),
            new(Azure.Data.Tables.TableTransactionActionType.Add, RawChange(_rawUserId)),
        ]);
    }

    private Azure.Data.Tables.TableEntity RawResource(string id) =>
        new(RawPartition, RowKeys.Resource(UserSegment, id)) { ["Document"] = _rawDocument.Replace("\"ID\"", "\"" + id + "\"", StringComparison.Ordinal), ["Active"] = true };

    private static Azure.Data.Tables.TableEntity RawChange(string id) =>
        new(RawPartition, RowKeys.Change(DateTimeOffset.UtcNow.UtcTicks, Guid.NewGuid().ToString("N"))) { ["Type"] = "User", ["Id"] = id, ["Operation"] = "Replaced", ["Attributes"] = "displayName,title" };

    private Task Count(Task task)
    {
        Interlocked.Increment(ref _invocations);
        return task;
    }


    private async Task<string> CreateUserAsync(string userName)
    {
        var created = await SendAsync(HttpMethod.Post, "Users", """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"NAME","externalId":"ext-NAME","active":true,"displayName":"Some User","name":{"givenName":"Some","familyName":"User"},"emails":[{"value":"NAME","type":"work","primary":true}]}""".Replace("NAME", userName, StringComparison.Ordinal), HttpStatusCode.Created);
        return created is null ? string.Empty : (string)created["id"]!;
    }

    private async Task<JsonNode?> SendAsync(HttpMethod method, string path, string? body, params HttpStatusCode[] expected)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, ScimJson);
        }

        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (!expected.Contains(response.StatusCode))
        {
            throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        if (method == HttpMethod.Post && _requestsBefore == 0)
        {
            return JsonNode.Parse(await response.Content.ReadAsStringAsync()); // setup reads the ids it needs
        }

        await response.Content.CopyToAsync(Stream.Null); // the body is rendered and sent in full, but not kept
        return null;
    }
}
