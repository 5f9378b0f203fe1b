using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using ScimFunctions.Http.IntegrationTests.Support;
using ScimFunctions.Storage;
using ScimFunctions.Storage.Consistency;
using ScimFunctions.Storage.Tables;
using ScimFunctions.Storage.Tenants;
using ScimFunctions.Testing;
using Xunit.Abstractions;

namespace ScimFunctions.Http.IntegrationTests;

/// <summary>
/// The host on Kestrel with a second storage account (a second Azurite, configured as a silo account), a tenant cache
/// of 1 s, requests of at most 3 s and a fence settle time (5 s) longer than both together, as a stamp's is (30 s, 60 s
/// and 120 s), and a short retention.
/// </summary>
public sealed class TenantMoveUnderLoadHost : IAsyncLifetime
{
    private ScimTestHost? _host;

    public ScimTestHost Host => _host!;

    public const int RequestSeconds = 3;

    public AzuriteInstance SiloAccount { get; private set; } = null!;

    /// <summary>Slows one tenant's storage reads when a test names it.</summary>
    public SlowReads Slow { get; } = new();

    public async Task InitializeAsync()
    {
        SiloAccount = await AzuriteInstance.StartAsync(inMemory: true);
        _host = new ScimTestHost
        {
            OnKestrel = true,
            ConfigureStore = options =>
            {
                options.MoveSourceRetention = TimeSpan.FromSeconds(2);
                options.TenantCacheLifetime = TimeSpan.FromSeconds(1);
                options.PerRetryPolicies.Add(Slow);
            },
        };
        _host.Settings["Scim:Tenants:CacheSeconds"] = "1";
        _host.Settings["Scim:Limits:RequestSeconds"] = RequestSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _host.Settings[TableStoreOptions.MoveFenceSettleSecondsSetting] = "5";
        _host.Settings[TableStoreOptions.SiloAccountsSetting + ":0"] = SiloAccount.ConnectionString;
        await _host.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await SiloAccount.DisposeAsync();
    }
}

/// <summary>Waits <see cref="Delay"/> before every storage GET whose URL <see cref="Match"/> accepts (none while it is null).</summary>
public sealed class SlowReads : Azure.Core.Pipeline.HttpPipelinePolicy
{
    private int _applied;

    public Func<Uri, bool>? Match { get; set; }

    public TimeSpan Delay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many requests were slowed.</summary>
    public int Applied => Volatile.Read(ref _applied);

    public override void Process(Azure.Core.HttpMessage message, ReadOnlyMemory<Azure.Core.Pipeline.HttpPipelinePolicy> pipeline)
    {
        if (Applies(message))
        {
            Thread.Sleep(Delay);
        }

        ProcessNext(message, pipeline);
    }

    public override async ValueTask ProcessAsync(Azure.Core.HttpMessage message, ReadOnlyMemory<Azure.Core.Pipeline.HttpPipelinePolicy> pipeline)
    {
        if (Applies(message))
        {
            await Task.Delay(Delay);
        }

        await ProcessNextAsync(message, pipeline);
    }

    private bool Applies(Azure.Core.HttpMessage message)
    {
        var applies = Match is { } match && message.Request.Method == Azure.Core.RequestMethod.Get && match(message.Request.Uri.ToUri());
        if (applies)
        {
            Interlocked.Increment(ref _applied);
        }

        return applies;
    }
}

/// <summary>
/// A tenant moved pool → silo table → silo account → pool through the operator API while Entra-style provisioning
/// runs over HTTP on it and on another tenant: the other tenant sees only success, the moving one success and, during
/// the freeze, 503 with Retry-After (retried, as an IdP does); afterwards both hold exactly what the load wrote.
/// </summary>
public sealed class TenantMoveUnderLoadTests(TenantMoveUnderLoadHost fixture, ITestOutputHelper output) : IClassFixture<TenantMoveUnderLoadHost>
{
    private ScimTestHost Host => fixture.Host;

    private TableStorage Storage => (TableStorage)Host.Services.GetService(typeof(TableStorage))!;

    [Fact]
    public async Task Pool_to_silo_table_to_silo_account_to_pool_under_entra_load_over_http_keeps_every_write_and_the_other_tenant_sees_no_error()
    {
        var clock = Stopwatch.StartNew();
        var unlimited = new JsonObject { ["requestsPerSecond"] = 100_000 };
        using var movingClient = await Host.CreateTenantAsync(policy: unlimited);
        using var otherClient = await Host.CreateTenantAsync(policy: (JsonObject)unlimited.DeepClone());
        using var operatorClient = Host.Operator();
        var moving = new EntraLoad(movingClient, "m");
        var other = new EntraLoad(otherClient, "o");
        await Task.WhenAll(moving.SeedAsync(100), other.SeedAsync(100));

        using var stop = new CancellationTokenSource();
        var workers = new[] { moving, other }
            .SelectMany(load => Enumerable.Range(0, 3).Select(w => Task.Run(() => load.RunAsync(w, stop.Token))).Append(Task.Run(() => load.ReadAsync(stop.Token))))
            .ToList();
        var targets = new[]
        {
            new JsonObject { ["to"] = "silo-table", ["table"] = TestNames.TableName("silo") },
            new JsonObject { ["to"] = "silo-account", ["storageEndpoint"] = $"http://127.0.0.1:{fixture.SiloAccount.Port}/devstoreaccount1", ["table"] = TestNames.TableName("acct") },
            new JsonObject { ["to"] = "pool" },
        };
        var moves = new List<MoveRun>();
        foreach (var target in targets)
        {
            await Task.Delay(500);
            moves.Add(await MoveAsync(operatorClient, movingClient.TenantId, target));
        }

        await Task.Delay(500);
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        foreach (var move in moves)
        {
            output.WriteLine($"to {move.Target}: {move.Final["rowsCopied"]} rows copied, writes frozen {move.Final["freezeMilliseconds"]} ms, {move.Elapsed.TotalMilliseconds:0} ms until switched (POST answered), {move.Samples.Count} status polls");
        }

        var refused = moving.Exchanges.Where(e => e.Status == 503).ToList();
        output.WriteLine($"moving tenant: {moving.Writes} writes, {moving.Exchanges.Count} requests, {refused.Count} x 503; other tenant: {other.Writes} writes, {other.Exchanges.Count} requests; {clock.Elapsed.TotalSeconds:0.0} s in all");

        // The other tenant: every answer a success. The moving one: successes, and 503s with Retry-After and the move's detail.
        Assert.Empty(other.Errors);
        Assert.All(other.Exchanges, e => Assert.True(e.Status is >= 200 and < 300, $"other tenant: {e}"));
        Assert.Empty(moving.Errors);
        Assert.All(moving.Exchanges, e => Assert.True(e.Status is >= 200 and < 300 or 503, $"moving tenant: {e}"));
        Assert.All(refused, e =>
        {
            Assert.True(e.RetryAfter is not null, $"503 without Retry-After: {e}");
            Assert.Equal(StorageErrors.TenantMovingDetail, e.Detail);
            Assert.NotEqual(HttpMethod.Get, e.Method); // reads go on during the freeze
            // Only while writes are frozen: from the freeze until this host's cached row was dropped (the POST answered).
            Assert.True(moves.Any(m => e.Received >= m.Frozen && e.Sent <= m.Answered), $"503 outside every freeze: {e}");
        });
        Assert.True(moving.Writes > 100 && other.Writes > 100, $"the load wrote {moving.Writes} and {other.Writes} times");

        // While writes were frozen, the moving tenant's reads and the other tenant's writes went on.
        foreach (var move in moves)
        {
            bool Inside(Exchange e) => e.Sent >= move.Frozen && e.Received <= move.Switched && e.Status is >= 200 and < 300;
            Assert.True(moving.Exchanges.Any(e => e.Method == HttpMethod.Get && Inside(e)), $"no read of the moving tenant answered during the freeze of the move to {move.Target}");
            Assert.True(other.Exchanges.Any(e => e.Method != HttpMethod.Get && Inside(e)), $"no write of the other tenant answered during the freeze of the move to {move.Target}");
        }

        // Progress while a move ran: rows copied, rate and ETA on GET …/move.
        var progress = moves.SelectMany(m => m.Samples).Select(s => s["progress"]).OfType<JsonObject>().ToList();
        Assert.Contains(progress, p => (long?)p["rows"] > 0 && (double?)p["rowsPerSecond"] > 0 && p["etaSeconds"] is not null && p["step"] is not null);
        output.WriteLine($"progress seen: {progress.Last(p => p["etaSeconds"] is not null).ToJsonString()}");

        var record = (await Storage.Tenants.GetAsync(Core.TenantId.Parse(movingClient.TenantId)))!;
        Assert.Equal(TenantIsolation.Pool, record.Isolation);
        foreach (var load in new[] { moving, other })
        {
            await load.AssertStoredAsync();
            var report = await ConsistencyChecker.CheckAsync(Storage, Core.TenantId.Parse(load.Client.TenantId));
            Assert.True(report.IsConsistent, $"{load.Client.TenantId}: {report}");
        }

        // Nothing of the tenant is left where it was: the silo table is dropped, the account's table holds none of its rows.
        Assert.Null(Storage.ServiceClient.Query(t => t.Name == (string)targets[0]["table"]!).FirstOrDefault());
        var account = new TableServiceClient(fixture.SiloAccount.ConnectionString).GetTableClient((string)targets[1]["table"]!);
        List<TableEntity> leftInAccount;
        try
        {
            leftInAccount = await (await RawPartition.ForAsync(account, Storage.Tenants, movingClient.TenantId)).RowsAsync();
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            leftInAccount = [];
        }

        Assert.Empty(leftInAccount);
    }

    /// <summary>
    /// A request that resolved the tenant before its first move gave it a fence (so its writes carry none) and is still
    /// running when the move freezes and switches (here: its read of the user takes 2.5 s, just within the request
    /// limit): its write must not be accepted at the old location and then lost.
    /// </summary>
    [Fact]
    public async Task A_slow_request_that_began_before_the_first_move_cannot_write_at_the_old_location_after_the_switch()
    {
        using var operatorClient = Host.Operator();
        using var tenant = await Host.CreateTenantAsync();
        var userId = await tenant.CreateUserAsync(Scim.UniqueName());
        var resources = Host.EffectiveSettings["Scim:Storage:ResourceTable"]!;
        fixture.Slow.Delay = TimeSpan.FromSeconds(TenantMoveUnderLoadHost.RequestSeconds - 0.5);
        fixture.Slow.Match = uri => uri.AbsolutePath.Contains(resources, StringComparison.Ordinal)
            && Uri.UnescapeDataString(uri.AbsolutePath).Contains($"RowKey='user|{userId}'", StringComparison.Ordinal);
        try
        {
            var patch = tenant.PatchAsync($"/Users/{userId}", Scim.Patch(Scim.Op("Replace", "title", "late")));
            await Task.Delay(300);
            var move = await MoveAsync(operatorClient, tenant.TenantId, new JsonObject { ["to"] = "silo-table", ["table"] = TestNames.TableName("late") });
            var answered = await patch;
            var read = await tenant.GetAsync($"/Users/{userId}");
            output.WriteLine($"{fixture.Slow.Applied} reads slowed; frozen {move.Frozen:HH:mm:ss.fff}, switched {move.Switched:HH:mm:ss.fff}; the PATCH answered {answered.StatusCode}; the user's title is now {read.Body?["title"]}");

            if (answered.StatusCode == 204)
            {
                Assert.Equal("late", (string?)read.Body!["title"]); // accepted: it is where the tenant lives
            }
            else
            {
                answered.AssertScimError(503); // refused: the IdP retries it
                Assert.NotNull(answered.Headers.RetryAfter);
                Assert.Null(read.Body!["title"]);
            }
        }
        finally
        {
            fixture.Slow.Match = null;
        }
    }

    /// <summary>
    /// One move through the operator API as an operator runs it: POST …/move (it answers when the move has switched),
    /// GET …/move polled meanwhile, then after the retention POST {} to remove the old rows.
    /// </summary>
    private static async Task<MoveRun> MoveAsync(HttpClient operatorClient, string tenant, JsonObject target)
    {
        var samples = new List<JsonObject>();
        var clock = Stopwatch.StartNew();
        var post = operatorClient.SendJsonAsync(HttpMethod.Post, $"/operator/tenants/{tenant}/move", target);
        while (!post.IsCompleted)
        {
            var status = await operatorClient.SendJsonAsync(HttpMethod.Get, $"/operator/tenants/{tenant}/move", null);
            if (status.StatusCode == 200)
            {
                samples.Add((JsonObject)status.Body!);
            }

            await Task.WhenAny(post, Task.Delay(100));
        }

        var moved = await post;
        var answered = DateTimeOffset.UtcNow;
        var elapsed = clock.Elapsed;
        moved.AssertStatus(200);
        Assert.Equal("SourceRetained", (string?)moved.Body!["state"]);
        var retainUntil = DateTimeOffset.Parse((string)moved.Body["retainUntil"]!, System.Globalization.CultureInfo.InvariantCulture);
        if (retainUntil > DateTimeOffset.UtcNow)
        {
            await Task.Delay(retainUntil - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(50));
        }

        var finished = await operatorClient.SendJsonAsync(HttpMethod.Post, $"/operator/tenants/{tenant}/move", new JsonObject());
        finished.AssertStatus(200);
        Assert.Equal("Completed", (string?)finished.Body!["state"]);
        var final = (JsonObject)finished.Body;
        var shown = await operatorClient.SendJsonAsync(HttpMethod.Get, $"/operator/tenants/{tenant}/move", null);
        Assert.Equal(("Completed", null), ((string?)shown.Body!["state"], shown.Body["progress"])); // progress only while it runs
        return new MoveRun(
            (string)target["to"]!,
            DateTimeOffset.Parse((string)final["frozen"]!, System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.Parse((string)final["switched"]!, System.Globalization.CultureInfo.InvariantCulture),
            answered,
            elapsed,
            final,
            samples);
    }

    private static DateTimeOffset Time(JsonObject move, string name) =>
        DateTimeOffset.Parse((string)move[name]!, System.Globalization.CultureInfo.InvariantCulture);

    private sealed record MoveRun(string Target, DateTimeOffset Frozen, DateTimeOffset Switched, DateTimeOffset Answered, TimeSpan Elapsed, JsonObject Final, List<JsonObject> Samples);

    /// <summary>One request and its answer, as the load saw it.</summary>
    private sealed record Exchange(HttpMethod Method, string Operation, int Status, TimeSpan? RetryAfter, string? Detail, DateTimeOffset Sent, DateTimeOffset Received)
    {
        public override string ToString() => $"{Method} {Operation}: {Status} {Detail} ({Sent:HH:mm:ss.fff}–{Received:HH:mm:ss.fff})";
    }

    private sealed record UserModel(string UserName, bool Active, string? Title);

    /// <summary>
    /// Entra ID's provisioning requests (docs/idp-behaviours.md; the shapes of the load tool's Entra scenarios) on one
    /// tenant, with a model of what they wrote. Each worker owns its users and its group, so no request of the load can
    /// meet a 404 or 409 of its own making; a 503 with Retry-After is retried, as Entra does.
    /// </summary>
    private sealed class EntraLoad(TenantClient client, string prefix)
    {
        private readonly ConcurrentDictionary<string, UserModel> _users = new(StringComparer.Ordinal);
        private readonly ConcurrentQueue<string> _seeded = new();
        private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, bool>> _groups = new(StringComparer.Ordinal);
        private int _writes;

        public TenantClient Client => client;

        public int Writes => Volatile.Read(ref _writes);

        public ConcurrentQueue<Exchange> Exchanges { get; } = new();

        /// <summary>Answers other than the one expected (after retries), and reads that did not show what the load wrote.</summary>
        public ConcurrentQueue<string> Errors { get; } = new();

        public async Task SeedAsync(int users) =>
            await Parallel.ForEachAsync(Enumerable.Range(0, users), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            {
                var userName = $"{prefix}.seed.{i}@example.com";
                var created = await SendAsync("create user", () => client.PostAsync("/Users", Scim.User(userName)), 201);
                if (created is not null)
                {
                    _users[(string)created.Body!["id"]!] = new UserModel(userName, true, null);
                    _seeded.Enqueue((string)created.Body!["id"]!);
                }
            });

        /// <summary>Reads of the seeded users (the workers leave them alone) by id, over and over: each shows the user.</summary>
        public async Task ReadAsync(CancellationToken stop)
        {
            var seeded = _seeded.ToArray();
            if (seeded.Length == 0)
            {
                Errors.Enqueue("no user was seeded");
                return;
            }

            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var id = seeded[i % seeded.Length];
                var read = await SendAsync("get user", () => client.GetAsync($"/Users/{id}"), 200);
                if (read is not null && (string?)read.Body!["userName"] != _users[id].UserName)
                {
                    Errors.Enqueue($"user {id} read as {read.RawBody}");
                }
            }
        }

        public async Task RunAsync(int worker, CancellationToken stop)
        {
            var groupName = $"{prefix}-group-{worker}";
            var found = await SendAsync("filter group", () => client.GetAsync($"/Groups?excludedAttributes=members&filter={Scim.Filter($"displayName eq \"{groupName}\"")}"), 200);
            if (found is null || found.Resources.Count != 0)
            {
                Errors.Enqueue($"group {groupName} before its creation: {found?.RawBody}");
                return;
            }

            var group = await SendAsync("create group", () => client.PostAsync("/Groups", Scim.Group(groupName)), 201);
            if (group is null)
            {
                return;
            }

            var groupId = (string)group.Body!["id"]!;
            var members = _groups.GetOrAdd(groupId, _ => new ConcurrentDictionary<string, bool>(StringComparer.Ordinal));
            var mine = new List<string>();
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                switch (i % 6)
                {
                    case 0:
                        // Entra matches on userName first, then creates.
                        var userName = $"{prefix}.{worker}.{i}@example.com";
                        var match = await SendAsync("filter userName", () => client.GetAsync($"/Users?filter={Scim.Filter($"userName eq \"{userName}\"")}"), 200);
                        if (match is not null && match.Resources.Count != 0)
                        {
                            Errors.Enqueue($"{userName} found before its creation");
                        }

                        var created = await SendAsync("create user", () => client.PostAsync("/Users", Scim.User(userName)), 201);
                        if (created is not null)
                        {
                            var id = (string)created.Body!["id"]!;
                            _users[id] = new UserModel(userName, true, null);
                            mine.Add(id);
                        }

                        break;
                    case 1 when mine.Count > 0:
                        // Entra's incremental update: capitalised Replace ops, booleans as strings.
                        var updated = mine[^1];
                        var active = i % 4 != 1;
                        var title = $"title-{worker}-{i}";
                        var patch = () => Scim.Patch(Scim.Op("Replace", "active", active ? "True" : "False"), Scim.Op("Replace", "title", title));
                        if (await SendAsync("replace user", () => client.PatchAsync($"/Users/{updated}", patch()), 200, 204) is not null)
                        {
                            _users[updated] = _users[updated] with { Active = active, Title = title };
                        }

                        break;
                    case 2 when mine.Count > 0:
                        var added = mine[^1];
                        if (await SendAsync("add member", () => client.PatchAsync($"/Groups/{groupId}", MemberPatch("Add", added)), 200, 204) is not null)
                        {
                            members[added] = true;
                        }

                        break;
                    case 3 when mine.Count > 0:
                        // A read of what this worker wrote last: it shows every write made before it.
                        var read = mine[^1];
                        var expected = _users[read];
                        var page = await SendAsync("filter userName", () => client.GetAsync($"/Users?filter={Scim.Filter($"userName eq \"{expected.UserName}\"")}"), 200);
                        if (page is not null && (page.Resources.Count != 1 || (string?)page.Resources[0]["id"] != read || (string?)page.Resources[0]["title"] != expected.Title))
                        {
                            Errors.Enqueue($"{expected.UserName} read as {page.RawBody}, expected id {read} and title {expected.Title}");
                        }

                        break;
                    case 4 when mine.Count > 2:
                        var removed = mine[0];
                        if (await SendAsync("remove member", () => client.PatchAsync($"/Groups/{groupId}", MemberPatch("Remove", removed)), 200, 204) is not null)
                        {
                            members.TryRemove(removed, out _);
                        }

                        break;
                    case 5 when mine.Count > 2:
                        var doomed = mine[0];
                        if (await SendAsync("delete user", () => client.DeleteAsync($"/Users/{doomed}"), 204) is not null)
                        {
                            mine.RemoveAt(0);
                            _users.TryRemove(doomed, out _);
                            members.TryRemove(doomed, out _);
                        }

                        break;
                }
            }
        }

        /// <summary>Every user and group over HTTP equals the model: the same ids, userName, active, title and members.</summary>
        public async Task AssertStoredAsync()
        {
            var stored = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
            for (var startIndex = 1; ; startIndex += 100)
            {
                var page = await client.GetAsync($"/Users?startIndex={startIndex}&count=100");
                page.AssertStatus(200);
                foreach (var user in page.Resources)
                {
                    stored.Add((string)user["id"]!, user);
                }

                if (page.Resources.Count < 100)
                {
                    Assert.Equal(stored.Count, (int)page.Body!["totalResults"]!);
                    break;
                }
            }

            Assert.Equal(_users.Keys.Order(StringComparer.Ordinal), stored.Keys.Order(StringComparer.Ordinal));
            foreach (var (id, model) in _users)
            {
                var user = stored[id];
                Assert.Equal(model.UserName, (string?)user["userName"]);
                Assert.Equal(model.Active, (bool?)user["active"]);
                Assert.Equal(model.Title, (string?)user["title"]);
            }

            var groups = await client.GetAsync("/Groups?excludedAttributes=members&count=100");
            groups.AssertStatus(200);
            Assert.Equal(_groups.Keys.Order(StringComparer.Ordinal), groups.Resources.Select(g => (string)g["id"]!).Order(StringComparer.Ordinal));
            foreach (var (id, members) in _groups)
            {
                var group = await client.GetAsync($"/Groups/{id}");
                group.AssertStatus(200);
                var ids = (group.Body!["members"] as JsonArray ?? []).Select(m => (string)m!["value"]!).Order(StringComparer.Ordinal);
                Assert.Equal(members.Keys.Order(StringComparer.Ordinal), ids);
            }
        }

        /// <summary>
        /// Sends a request until it is not a 503 with Retry-After (waiting what it asks, at most 1 s, to keep the test
        /// short), recording every answer; the final answer when it is one of <paramref name="expected"/>, else null.
        /// </summary>
        private async Task<ScimResponse?> SendAsync(string operation, Func<Task<ScimResponse>> send, params int[] expected)
        {
            for (var attempt = 1; ; attempt++)
            {
                var sent = DateTimeOffset.UtcNow;
                var response = await send();
                var retryAfter = response.Headers.RetryAfter?.Delta;
                Exchanges.Enqueue(new Exchange(MethodOf(operation), operation, response.StatusCode, retryAfter, response.Body?["detail"]?.GetValue<string>(), sent, DateTimeOffset.UtcNow));
                if (response.StatusCode == 503 && retryAfter is { } wait && attempt < 100)
                {
                    await Task.Delay(wait < TimeSpan.FromSeconds(1) ? wait : TimeSpan.FromSeconds(1));
                    continue;
                }

                if (expected.Contains(response.StatusCode))
                {
                    if (MethodOf(operation) != HttpMethod.Get)
                    {
                        Interlocked.Increment(ref _writes);
                    }

                    return response;
                }

                Errors.Enqueue($"{operation}: {response.StatusCode} {response.RawBody}");
                return null;
            }
        }

        private static HttpMethod MethodOf(string operation) => operation switch
        {
            "create user" or "create group" => HttpMethod.Post,
            "delete user" => HttpMethod.Delete,
            "filter userName" or "filter group" or "get user" => HttpMethod.Get,
            _ => HttpMethod.Patch,
        };

        private static JsonObject MemberPatch(string op, string userId) =>
            Scim.Patch(Scim.Op(op, "members", new JsonArray(new JsonObject { ["value"] = userId })));
    }
}
