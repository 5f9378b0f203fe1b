using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Data.Tables;
using ScimFunctions.Core;
using ScimFunctions.Core.Errors;
using ScimFunctions.Core.Resources;
using ScimFunctions.Storage.Abstractions;
using ScimFunctions.Storage.Changes;
using ScimFunctions.Storage.Consistency;
using ScimFunctions.Storage.Keys;
using ScimFunctions.Storage.Resources;
using ScimFunctions.Storage.Store;
using ScimFunctions.Storage.Tables;
using ScimFunctions.Storage.Tenants;
using ScimFunctions.Testing;
using Xunit.Abstractions;
using static ScimFunctions.Storage.IntegrationTests.StorageHarness;

namespace ScimFunctions.Storage.IntegrationTests;

/// <summary>
/// Tenant moves between the pool, a silo table and a silo account (a second Azurite): under a write load on the moving
/// tenant and another one, with a stale second process, and killed at every storage request then run again.
/// </summary>
public sealed class TenantMoveTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_stale_process_cannot_write_to_the_old_location_after_the_switch_and_finds_the_new_one_on_retry()
    {
        var a = await CreateAsync(azurite.ConnectionString, Fast);
        var b = TableStorage.Create(a.Storage.Options); // a second process on the same stamp
        var tenant = (await a.NewTenantAsync()).Tenant;
        var silo = new TenantLocation(TenantIsolation.SiloTable, TestNames.TableName("silo"));
        Assert.Equal(MoveState.Completed, (await a.Storage.Moves.MoveAsync(tenant, silo)).State);

        var stale = await b.Stores.GetStoreAsync(tenant); // b caches the silo location (and its epoch)
        var before = await stale.CreateAsync(UserType, User("before"), WriteContext.None);
        a.Storage.Options.MoveSourceRetention = TimeSpan.FromHours(1); // the silo table stays, where b would still write
        var silo2 = new TenantLocation(TenantIsolation.SiloTable, TestNames.TableName("silo"));
        var moved = await a.Storage.Moves.MoveAsync(tenant, silo2);
        Assert.Equal(MoveState.SourceRetained, moved.State);

        var refused = await Assert.ThrowsAsync<ScimException>(() => stale.CreateAsync(UserType, User("after"), WriteContext.None));
        Assert.Equal(503, refused.Status);
        Assert.Equal(StorageErrors.TenantMovingDetail, refused.Detail);
        var record = (await a.Storage.Tenants.GetAsync(tenant))!;
        var oldRows = await RowsOrNoneAsync(a.Storage.ServiceClient.GetTableClient(silo.TableName!), record);
        var newRows = await RowsOrNoneAsync(a.Storage.ServiceClient.GetTableClient(silo2.TableName!), record);
        static string[] Users(List<TableEntity> rows) => [.. rows.Where(row => row.GetString("Kind") == "resource" && row.RowKey.StartsWith("user|", StringComparison.Ordinal)).Select(row => row.RowKey)];
        Assert.Equal([$"user|{before.Id}"], Users(oldRows));
        Assert.Equal([$"user|{before.Id}"], Users(newRows));

        // The refusal dropped b's cached row: its retry goes to the new table and lands there, next to what was copied.
        var retried = await (await b.Stores.GetStoreAsync(tenant)).CreateAsync(UserType, User("after"), WriteContext.None);
        var current = await a.Storage.Stores.GetStoreAsync(tenant);
        Assert.NotNull(await current.GetAsync(UserType, retried.Id, AttributeSelection.Default));
        Assert.NotNull(await current.GetAsync(UserType, before.Id, AttributeSelection.Default));
        Assert.Equal(2, await current.CountAsync(UserType));
        Assert.True((await a.CheckAsync(current)).IsConsistent);
    }

    [Fact]
    public async Task An_if_match_with_a_version_read_before_the_move_is_412_and_a_fresh_read_works()
    {
        var harness = await CreateAsync(azurite.ConnectionString, Fast);
        var store = await harness.NewTenantAsync();
        var user = await store.CreateAsync(UserType, User("versioned"), WriteContext.None);

        await harness.Storage.Moves.MoveAsync(store.Tenant, new TenantLocation(TenantIsolation.SiloTable, TestNames.TableName("silo")));

        var moved = await harness.Storage.Stores.GetStoreAsync(store.Tenant);
        var conflict = await Assert.ThrowsAsync<ScimException>(() => moved.ReplaceAsync(UserType, user.Id, User("versioned", displayName: "x"), user.Version, WriteContext.None));
        Assert.Equal(412, conflict.Status);
        var fresh = await moved.GetAsync(UserType, user.Id, AttributeSelection.Default);
        await moved.ReplaceAsync(UserType, user.Id, User("versioned", displayName: "y"), fresh!.Version, WriteContext.None);
    }

    [Fact]
    public async Task Change_rows_keep_their_commit_time_across_a_move_so_no_event_is_taken_for_a_late_commit()
    {
        // A moved row's Timestamp is the copy's; the event dispatcher would take every change of the last minutes for a
        // late commit (and deliver it again) unless the copy records when the original committed.
        var harness = await CreateAsync(azurite.ConnectionString, options =>
        {
            Fast(options);
            options.ChangeFeedSettleTime = TimeSpan.FromSeconds(1); // late = committed 0.5 s after its position
        });
        var (store, _) = await SeedSmallAsync(harness);
        var lateBefore = Late(await store.ReadChangesAfterAsync(null, 100));
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        await harness.Storage.Moves.MoveAsync(store.Tenant, new TenantLocation(TenantIsolation.SiloTable, TestNames.TableName("late")));
        var moved = await harness.Storage.Stores.GetStoreAsync(store.Tenant);
        var changes = await moved.ReadChangesAfterAsync(null, 100);

        Assert.Equal(5, changes.Count); // 4 users and a group
        Assert.Equal(lateBefore, Late(changes));

        // A second move keeps the first commit time, not the first copy's.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await harness.Storage.Moves.MoveAsync(store.Tenant, TenantLocation.Pool);
        var back = await harness.Storage.Stores.GetStoreAsync(store.Tenant);
        Assert.Equal(lateBefore, Late(await back.ReadChangesAfterAsync(null, 100)));

        static string[] Late(IEnumerable<ChangeRecord> changes) => [.. changes.Where(change => change.CommittedLate).Select(change => change.Position).Order(StringComparer.Ordinal)];
    }

    [Fact]
    public async Task A_move_refuses_stamp_tables_another_tenants_table_and_an_unreachable_account_and_writes_nothing()
    {
        var harness = await CreateAsync(azurite.ConnectionString, Fast);
        var store = await harness.NewTenantAsync();
        var owner = await harness.Storage.Tenants.CreateAsync(new TenantRecord { Id = TenantId.Parse(TestNames.TenantId()), Isolation = TenantIsolation.SiloTable, TableName = TestNames.TableName("owned") });

        var stamp = await Assert.ThrowsAsync<ScimException>(() => harness.Storage.Moves.MoveAsync(store.Tenant, new TenantLocation(TenantIsolation.SiloTable, harness.Storage.Options.TenantTable)));
        var taken = await Assert.ThrowsAsync<ScimException>(() => harness.Storage.Moves.MoveAsync(store.Tenant, new TenantLocation(TenantIsolation.SiloTable, owner.TableName!.ToUpperInvariant())));
        var unreachable = await Assert.ThrowsAsync<ScimException>(() => harness.Storage.Moves.MoveAsync(store.Tenant, new TenantLocation(TenantIsolation.SiloAccount, "remote", new Uri("http://127.0.0.1:1/devstoreaccount1"))));
        var same = await Assert.ThrowsAsync<ScimException>(() => harness.Storage.Moves.MoveAsync(store.Tenant, TenantLocation.Pool));

        Assert.Equal((400, 409, 400, 400), (stamp.Status, taken.Status, unreachable.Status, same.Status));
        Assert.Contains("already used by tenant", taken.Detail, StringComparison.Ordinal);
        Assert.Null(await harness.Storage.Moves.GetAsync(store.Tenant));
        Assert.Equal(TenantIsolation.Pool, (await harness.Storage.Tenants.GetAsync(store.Tenant))!.Isolation);
    }

    [Fact]
    public async Task Pool_to_silo_table_to_silo_account_to_pool_under_write_load_keeps_every_write_and_other_tenants_see_no_error()
    {
        await using var second = await AzuriteInstance.StartAsync(inMemory: true);
        var a = await CreateAsync(azurite.ConnectionString, o =>
        {
            o.SiloAccountConnectionStrings.Add(second.ConnectionString);
            o.MoveFenceSettleTime = TimeSpan.FromSeconds(1.5);
            o.MoveSourceRetention = TimeSpan.FromSeconds(3);
            o.TenantCacheLifetime = TimeSpan.FromSeconds(1);
            o.MaxRetries = 3;
        });
        var load = TableStorage.Create(a.Storage.Options); // the load runs in a second process, as another instance would
        var moving = await a.NewTenantAsync();
        var other = await a.NewTenantAsync();
        var loads = new[] { new Load(load, moving.Tenant, "m"), new Load(load, other.Tenant, "o") };
        foreach (var l in loads)
        {
            await l.SeedAsync(120);
        }

        using var stop = new CancellationTokenSource();
        var workers = loads.SelectMany(l => Enumerable.Range(0, 3).Select(w => l.RunAsync(w, stop.Token))).ToList();
        var targets = new[]
        {
            new TenantLocation(TenantIsolation.SiloTable, TestNames.TableName("silo")),
            new TenantLocation(TenantIsolation.SiloAccount, TestNames.TableName("acct"), new Uri($"http://127.0.0.1:{second.Port}/devstoreaccount1")),
            TenantLocation.Pool,
        };
        var moves = new List<TenantMove>();
        foreach (var target in targets)
        {
            await Task.Delay(300);
            var clock = Stopwatch.StartNew();
            var move = await a.Storage.Moves.MoveAsync(moving.Tenant, target);
            if (move.State == MoveState.SourceRetained)
            {
                await Task.Delay(a.Storage.Options.MoveSourceRetention);
                move = await a.Storage.Moves.MoveAsync(moving.Tenant, null);
            }

            Assert.Equal(MoveState.Completed, move.State);
            moves.Add(move);
            output.WriteLine($"to {target}: {move.RowsCopied} rows copied, frozen {move.FreezeMilliseconds} ms, {clock.ElapsedMilliseconds} ms in all (with the retention)");
        }

        await Task.Delay(300);
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        var (m, o) = (loads[0], loads[1]);
        output.WriteLine($"moving tenant: {m.Writes} writes, {m.Refusals.Count} x 503 while moving; other tenant: {o.Writes} writes, {o.Errors.Count} errors");
        Assert.Empty(o.Errors);
        Assert.Empty(o.Refusals);
        Assert.Empty(m.Errors);
        Assert.True(m.Writes > 100 && o.Writes > 100, $"the load wrote {m.Writes} and {o.Writes} times");
        Assert.All(m.Refusals, detail => Assert.Equal(StorageErrors.TenantMovingDetail, detail));
        var record = (await a.Storage.Tenants.GetAsync(moving.Tenant))!;
        Assert.Equal(TenantIsolation.Pool, record.Isolation);
        foreach (var l in loads)
        {
            await l.AssertStoredAsync(a);
        }

        // Nothing of the tenant is left in the silo table (dropped) or the silo account's table.
        Assert.Empty(await RowsOrNoneAsync(a.Storage.ServiceClient.GetTableClient(targets[0].TableName!), record));
        Assert.Empty(await RowsOrNoneAsync(new TableServiceClient(second.ConnectionString).GetTableClient(targets[1].TableName!), record));
        Assert.All(moves, move => Assert.True(move.FreezeMilliseconds < 10_000, $"frozen {move.FreezeMilliseconds} ms"));
    }

    /// <summary>
    /// The figures of docs/performance.md: a tenant of 1,000 users (CI; <c>SCIM_MOVE_USERS=10000</c> for the manual
    /// run) in 10 groups moves from the pool to a silo table under a write load; move time, freeze and storage
    /// requests per row moved are printed and bounded.
    /// </summary>
    [Fact]
    public async Task A_1000_user_tenant_moves_under_load_with_a_short_freeze_and_few_requests_per_row()
    {
        var size = int.TryParse(Environment.GetEnvironmentVariable("SCIM_MOVE_USERS"), out var n) ? n : 1000;
        var harness = await CreateAsync(azurite.ConnectionString, o =>
        {
            // The writer's instance caches the registry row for 1 s: the first move waits longer than that before it
            // freezes, so every write of that instance carries the fence by then (with a shorter wait, writes without
            // the fence reach the frozen source and the verification rolls the move back).
            o.TenantCacheLifetime = TimeSpan.FromSeconds(1);
            o.MoveFenceSettleTime = TimeSpan.FromSeconds(1.5);
            o.MoveSourceRetention = TimeSpan.FromHours(1);
            o.MaxRetries = 3;
        });
        var store = await harness.NewTenantAsync();
        var load = new Load(TableStorage.Create(harness.Storage.Options), store.Tenant, "f");
        var seeding = Stopwatch.StartNew();
        await load.BulkSeedAsync(size);
        seeding.Stop();
        var seeded = await ConsistencyChecker.CheckAsync(harness.Storage, store.Tenant);
        Assert.True(seeded.IsConsistent, $"seeded: {seeded}");
        var seededRecord = (await harness.Storage.Tenants.GetAsync(store.Tenant))!;
        var rows = (await RowsOrNoneAsync(harness.Storage.TableFor(seededRecord), seededRecord)).Count;
        output.WriteLine($"{size} users seeded in {seeding.ElapsedMilliseconds} ms; {rows} rows in the partition");
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, 2).Select(w => load.RunAsync(w, stop.Token)).ToList();
        await Task.Delay(500);
        var clock = Stopwatch.StartNew();
        TenantMove move;
        int requests;
        using (var scope = harness.Requests.BeginScope("move"))
        {
            move = await harness.Storage.Moves.MoveAsync(store.Tenant, new TenantLocation(TenantIsolation.SiloTable, TestNames.TableName("figure")));
            requests = scope.Count;
        }

        clock.Stop();
        await Task.Delay(300);
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        var perRow = (double)requests / move.RowsCopied;
        var loadAverage = File.Exists("/proc/loadavg") ? (await File.ReadAllTextAsync("/proc/loadavg")).Trim() : "n/a";
        output.WriteLine($"{size} users: {move.RowsCopied} rows copied in {clock.ElapsedMilliseconds} ms, writes frozen {move.FreezeMilliseconds} ms, {requests} storage requests ({perRow:0.000} a row moved), {load.Refusals.Count} x 503 during the move (first to last {load.RefusedMilliseconds} ms), {load.Writes} writes; load average {loadAverage}");
        Assert.Empty(load.Errors);
        Assert.Equal(MoveState.SourceRetained, move.State);
        Assert.True(move.FreezeMilliseconds < 10_000, $"frozen {move.FreezeMilliseconds} ms");
        // The recorded freeze is what the writers saw (their last refusal may answer up to a request after the switch).
        Assert.True(load.RefusedMilliseconds <= move.FreezeMilliseconds + 2_000, $"refused for {load.RefusedMilliseconds} ms, frozen {move.FreezeMilliseconds} ms");
        Assert.True(perRow < 0.2, $"{perRow} requests a row");
        await load.AssertStoredAsync(harness);
    }

    [Fact]
    public async Task Bulk_seeded_users_have_the_rows_the_store_writes()
    {
        // The figure test's seeder writes rows instead of calling the store 10,000 times: they must be the store's rows.
        var harness = await CreateAsync(azurite.ConnectionString, Fast);
        var byStore = await harness.NewTenantAsync();
        await Task.WhenAll(Enumerable.Range(0, 3).Select(i => byStore.CreateAsync(UserType, User($"same-seed-{i}"), WriteContext.None)));
        var bulk = await harness.NewTenantAsync();
        await new Load(harness.Storage, bulk.Tenant, "same").BulkSeedAsync(3);

        var expected = await NormalizedRowsAsync(harness, byStore.Tenant);
        var actual = await NormalizedRowsAsync(harness, bulk.Tenant);
        Assert.Equal(12, expected.Count); // 3 x (resource, userName index, change) and 3 counter shards
        Assert.Equal(expected, actual);
        Assert.True((await ConsistencyChecker.CheckAsync(harness.Storage, bulk.Tenant)).IsConsistent);
        var seeded = await harness.Storage.Stores.GetStoreAsync(bulk.Tenant);
        Assert.Equal(3, await seeded.CountAsync(UserType));
        await seeded.CreateAsync(UserType, User("after-the-seed"), WriteContext.None); // the counter shards take a create
        Assert.Equal(4, await seeded.CountAsync(UserType));
    }

    /// <summary>The tenant's rows with ids, times and random parts replaced, sorted: equal for equal creates.</summary>
    private static async Task<List<string>> NormalizedRowsAsync(StorageHarness harness, TenantId tenant)
    {
        var record = (await harness.Storage.Tenants.GetAsync(tenant))!;
        var rows = await RowsOrNoneAsync(harness.Storage.TableFor(record), record);
        var ids = rows.Where(row => row.GetString("Kind") == "resource").Select(row => row.RowKey.Split('|')[1]).ToList();
        var names = rows.Where(row => row.GetString("Kind") == "resource").ToDictionary(row => row.RowKey.Split('|')[1], row => ResourceRow.From(row)!.Document["userName"]!.GetValue<string>());
        string Clean(string text)
        {
            foreach (var id in ids)
            {
                text = text.Replace(id, "{id:" + names[id] + "}", StringComparison.Ordinal);
            }

            return text;
        }

        var normalized = new List<string>();
        foreach (var row in rows)
        {
            var rowKey = row.GetString("Kind") switch
            {
                "change" => "change|*", // time and random
                "counter" => row.RowKey[..row.RowKey.LastIndexOf('|')] + "|*", // the store picks a shard at random
                _ => Clean(row.RowKey),
            };
            var columns = new List<string>();
            foreach (var (column, value) in row.Where(c => c.Key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag") && !c.Key.StartsWith(Columns.DocumentPrefix, StringComparison.Ordinal)).OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                columns.Add($"{column}:{value?.GetType().Name}:{(column == Columns.Stamp ? "*" : Clean(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "null"))}");
            }

            if (ResourceRow.From(row) is { } resource)
            {
                var document = (System.Text.Json.Nodes.JsonObject)resource.Document.DeepClone();
                document["meta"]!["created"] = "*";
                document["meta"]!["lastModified"] = "*";
                columns.Add("document:" + Clean(document.ToJsonString()));
            }

            normalized.Add(rowKey + " " + string.Join(' ', columns));
        }

        return [.. normalized.Order(StringComparer.Ordinal)];
    }

    public static TheoryData<FaultTiming> Timings => new() { FaultTiming.BeforeSend, FaultTiming.AfterSend };

    [Theory]
    [MemberData(nameof(Timings))]
    public async Task A_move_killed_at_any_storage_request_then_run_again_completes_or_rolls_back_with_no_row_lost(FaultTiming timing)
    {
        var harness = await CreateAsync(azurite.ConnectionString, Fast);
        var steps = 0;
        {
            var (store, _) = await SeedSmallAsync(harness);
            var target = new TenantLocation(TenantIsolation.SiloTable, TestNames.TableName("crash"));
            harness.Faults.Count();
            await harness.Storage.Moves.MoveAsync(store.Tenant, target);
            steps = harness.Faults.Seen;
        }

        Assert.True(steps >= 15, $"a move takes many storage requests, not {steps}");
        for (var crashAt = 1; crashAt <= steps; crashAt++)
        {
            var (store, expected) = await SeedSmallAsync(harness);
            var source = (await harness.Storage.Tenants.GetAsync(store.Tenant))!;
            var target = new TenantLocation(TenantIsolation.SiloTable, TestNames.TableName("crash"));
            harness.Faults.FailFrom(crashAt, timing);
            try
            {
                await harness.Storage.Moves.MoveAsync(store.Tenant, target);
            }
            catch (ScimException ex)
            {
                Assert.True(ex.Status == 503, $"crash at {crashAt}: {ex.Status} {ex.Detail}");
            }
            finally
            {
                harness.Faults.Disarm();
            }

            var move = await harness.Storage.Moves.GetAsync(store.Tenant);
            var rollBack = crashAt % 2 == 0 && move is { CanRollBack: true };
            if (rollBack)
            {
                move = await harness.Storage.Moves.RollbackAsync(store.Tenant);
            }
            else if (move is null or { IsActive: true })
            {
                move = await harness.Storage.Moves.MoveAsync(store.Tenant, move is null ? target : null);
            }

            Assert.Equal(rollBack ? MoveState.RolledBack : MoveState.Completed, move.State);

            var record = (await harness.Storage.Tenants.GetAsync(store.Tenant))!;
            Assert.Equal(rollBack ? source.Isolation : TenantIsolation.SiloTable, record.Isolation);
            var current = await harness.Storage.Stores.GetStoreAsync(store.Tenant);
            foreach (var (id, userName) in expected)
            {
                var user = await current.GetAsync(UserType, id, AttributeSelection.Default);
                Assert.True(user is not null, $"crash at {crashAt} ({timing}, {(rollBack ? "rolled back" : "resumed")}): user {id} lost");
                Assert.Equal(userName, user.Resource["userName"]!.GetValue<string>());
            }

            Assert.Equal(expected.Count, await current.CountAsync(UserType));
            var report = await harness.CheckAsync(current);
            Assert.True(report.IsConsistent, $"crash at {crashAt} ({timing}): {report}");
            var left = rollBack ? record with { Isolation = target.Isolation, TableName = target.TableName } : source;
            Assert.DoesNotContain(await RowsOrNoneAsync(harness.Storage.TableFor(left), record), row => !row.RowKey.StartsWith(TenantPartition.FencePrefix, StringComparison.Ordinal));

            // Writable where it is now.
            await current.CreateAsync(UserType, User($"after{crashAt}"), WriteContext.None);
        }
    }

    [Fact]
    public async Task A_move_records_what_the_consistency_checker_finds_in_the_rows_it_moved_as_its_note()
    {
        var harness = await CreateAsync(azurite.ConnectionString, Fast);
        var (store, _) = await SeedSmallAsync(harness);
        var record = (await harness.Storage.Tenants.GetAsync(store.Tenant))!;
        var table = harness.Storage.TableFor(record);
        var index = (await RowsOrNoneAsync(table, record)).First(row => row.GetString(Columns.Kind) == RowKinds.Index);
        index[Columns.TargetId] = "no-such-user"; // an index row pointing at nothing (and its user without one)
        await table.UpdateEntityAsync(index, index.ETag, TableUpdateMode.Replace);

        var moved = await harness.Storage.Moves.MoveAsync(store.Tenant, new TenantLocation(TenantIsolation.SiloTable, TestNames.TableName("noted")));

        Assert.Equal(MoveState.Completed, moved.State);
        Assert.Contains("consistency problems when they were copied", moved.Note, StringComparison.Ordinal);
        Assert.Contains("index row", moved.Note, StringComparison.Ordinal);
    }

    public static TheoryData<string> RollbackTargets => new() { "silo-table", "pool" };

    /// <summary>
    /// An operator rolls a move back while another run is still copying (that run's transactions to the target held
    /// after the first): the copying run ends with the rolled-back conflict (409), not a storage error, and removes
    /// what it wrote to the released target; the tenant is whole at the source and takes reads and writes there. With a
    /// silo table the rollback drops the table under the copy; with the pool the copy's writes succeed after the
    /// rollback emptied the tenant's partition there.
    /// </summary>
    [Theory]
    [MemberData(nameof(RollbackTargets))]
    public async Task A_rollback_while_another_run_copies_ends_that_run_with_the_rolled_back_conflict_and_leaves_no_row_in_the_target(string to)
    {
        var gate = new CopyGate();
        var harness = await CreateAsync(azurite.ConnectionString, o =>
        {
            Fast(o);
            o.PerCallPolicies.Add(gate);
        });
        TenantLocation target;
        ITenantScimStore store;
        if (to == "pool")
        {
            var created = await harness.Storage.Tenants.CreateAsync(new TenantRecord { Id = TenantId.Parse(TestNames.TenantId()), Isolation = TenantIsolation.SiloTable, TableName = TestNames.TableName("own") });
            store = await harness.Storage.Stores.GetStoreAsync(created.Id);
            target = TenantLocation.Pool;
        }
        else
        {
            store = await harness.NewTenantAsync();
            target = new TenantLocation(TenantIsolation.SiloTable, TestNames.TableName("rb"));
        }

        var load = new Load(harness.Storage, store.Tenant, "rb");
        await load.BulkSeedAsync(150); // about 450 rows: one page of the copy, five transactions
        var source = (await harness.Storage.Tenants.GetAsync(store.Tenant))!;
        var targetTable = harness.Storage.TableFor(target.Apply(source, null));

        gate.HoldAfter(targetTable.Name, passed: 1);
        var copying = Task.Run(() =>
        {
            CopyGate.InFlow.Value = true;
            return harness.Storage.Moves.MoveAsync(store.Tenant, target);
        });
        await Task.WhenAll(gate.Held.Task, gate.Passed.Task).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.NotEmpty(await RowsOrNoneAsync(targetTable, source)); // mid-way: the first transaction is in the target
        Assert.Equal(MoveState.Copying, (await harness.Storage.Moves.GetAsync(store.Tenant))!.State);

        var rolledBack = await harness.Storage.Moves.RollbackAsync(store.Tenant);
        Assert.Equal(MoveState.RolledBack, rolledBack.State);
        gate.Release();

        var conflict = await Assert.ThrowsAsync<ScimException>(() => copying);
        Assert.True(conflict.Status == 409, $"{conflict.Status} {conflict.Detail}");
        Assert.Contains("was rolled back", conflict.Detail, StringComparison.Ordinal);
        Assert.Empty(await RowsOrNoneAsync(targetTable, source));
        Assert.Equal(MoveState.RolledBack, (await harness.Storage.Moves.GetAsync(store.Tenant))!.State);

        var record = (await harness.Storage.Tenants.GetAsync(store.Tenant))!;
        Assert.Equal((source.Isolation, source.TableName), (record.Isolation, record.TableName));
        await load.AssertStoredAsync(harness); // every seeded user, ConsistencyChecker clean
        var current = await harness.Storage.Stores.GetStoreAsync(store.Tenant);
        var written = await current.CreateAsync(UserType, User("after-the-rollback"), WriteContext.None);
        Assert.NotNull(await current.GetAsync(UserType, written.Id, AttributeSelection.Default));
        Assert.Contains(await RowsOrNoneAsync(harness.Storage.TableFor(record), record), row => row.RowKey == $"user|{written.Id}");
        Assert.Empty(await RowsOrNoneAsync(targetTable, source));
    }

    /// <summary>
    /// Holds the entity-group transactions to one table that a flow marked with <see cref="InFlow"/> sends (the move
    /// run under test, not the rollback beside it), after letting the first few through, until <see cref="Release"/>.
    /// </summary>
    private sealed class CopyGate : Azure.Core.Pipeline.HttpPipelinePolicy
    {
        public static readonly AsyncLocal<bool> InFlow = new();

        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private string? _table;
        private int _passes;

        /// <summary>Set when a transaction is held.</summary>
        public TaskCompletionSource Held { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Set when the transactions let through have been answered.</summary>
        public TaskCompletionSource Passed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void HoldAfter(string table, int passed)
        {
            _passes = passed;
            _table = table;
        }

        public void Release() => _release.TrySetResult();

        public override void Process(Azure.Core.HttpMessage message, ReadOnlyMemory<Azure.Core.Pipeline.HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(Azure.Core.HttpMessage message, ReadOnlyMemory<Azure.Core.Pipeline.HttpPipelinePolicy> pipeline)
        {
            if (InFlow.Value && _table is { } table && message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) && message.Request.Content is { } content)
            {
                using var body = new MemoryStream();
                await content.WriteToAsync(body, message.CancellationToken);
                if (System.Text.Encoding.UTF8.GetString(body.ToArray()).Contains($"/{table}(", StringComparison.Ordinal))
                {
                    var left = Interlocked.Decrement(ref _passes);
                    if (left < 0)
                    {
                        Held.TrySetResult();
                        await _release.Task;
                    }
                    else
                    {
                        await ProcessNextAsync(message, pipeline);
                        if (left == 0)
                        {
                            Passed.TrySetResult();
                        }

                        return;
                    }
                }
            }

            await ProcessNextAsync(message, pipeline);
        }
    }

    private static void Fast(TableStoreOptions options)
    {
        options.MoveFenceSettleTime = TimeSpan.Zero;
        options.MoveSourceRetention = TimeSpan.Zero;
    }

    private static async Task<(ITenantScimStore Store, Dictionary<string, string> Users)> SeedSmallAsync(StorageHarness harness)
    {
        var store = await harness.NewTenantAsync();
        var users = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => store.CreateAsync(UserType, User($"user{i}"), WriteContext.None)));
        await store.CreateAsync(GroupType, Group("G", users[0].Id, users[1].Id), WriteContext.None);
        return (store, users.ToDictionary(u => u.Id, u => u.Resource["userName"]!.GetValue<string>()));
    }

    private static async Task<List<TableEntity>> RowsOrNoneAsync(TableClient table, TenantRecord record)
    {
        try
        {
            return await new RawPartition(table, TenantPartition.KeyOf(record.Id, record.Incarnation)).RowsAsync();
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            return [];
        }
    }

    /// <summary>
    /// The rows a store's creates of <paramref name="users"/> write, grouped in transactions of at most 99 rows that
    /// never split a user: per user the resource row (<see cref="ResourceRow.ToEntity"/>), its index rows (the store's
    /// <see cref="UniqueAttributes"/>) and its change row (<see cref="ChangeRows.Insert"/>), the document made as
    /// <c>TableTenantStore.CreateAsync</c> makes it; last, the counter shards, the count spread over them.
    /// </summary>
    private static List<List<TableEntity>> BulkUserRows(TenantPartition partition, IEnumerable<System.Text.Json.Nodes.JsonObject> users, int shards, List<(string Id, string DisplayName)> created)
    {
        var info = TypeInfo.For(UserType);
        var transactions = new List<List<TableEntity>> { new() };
        foreach (var user in users)
        {
            var now = DateTimeOffset.UtcNow;
            var id = KeyEncoding.NewResourceId();
            var document = (System.Text.Json.Nodes.JsonObject)user.DeepClone();
            document["id"] = id;
            document["meta"] = new System.Text.Json.Nodes.JsonObject
            {
                ["resourceType"] = info.Definition.Name,
                ["created"] = TableTenantStore.Timestamp(now),
                ["lastModified"] = TableTenantStore.Timestamp(now),
            };
            var changed = document.Select(p => p.Key).Where(k => k is not ("id" or "meta" or "schemas")).ToList();
            var rows = new List<TableEntity> { ResourceRow.ToEntity(partition, info.Segment, id, document, null) };
            foreach (var (_, (rowKey, _)) in info.Unique.KeysOf(document))
            {
                var index = partition.NewEntity(rowKey);
                index[Columns.Kind] = RowKinds.Index;
                index[Columns.TargetId] = id;
                rows.Add(index);
            }

            rows.Add((TableEntity)ChangeRows.Insert(partition, info.Definition.Name, id, ChangeOperation.Created, changed, WriteContext.None, now, ChangeDetails.Members([], [])).Action.Entity);
            if (transactions[^1].Count + rows.Count > TenantPartition.MaxBatch - 1)
            {
                transactions.Add([]);
            }

            transactions[^1].AddRange(rows);
            created.Add((id, document["displayName"]?.GetValue<string>() ?? string.Empty));
        }

        var counters = new List<TableEntity>();
        for (var shard = 0; shard < shards; shard++)
        {
            var count = (created.Count / shards) + (shard < created.Count % shards ? 1 : 0);
            if (count > 0)
            {
                var counter = partition.NewEntity(RowKeys.Counter(info.Segment, shard));
                counter[Columns.Kind] = RowKinds.Counter;
                counter[Columns.Type] = info.Segment;
                counter[Columns.Count] = (long)count;
                counters.Add(counter);
            }
        }

        transactions.Add(counters);
        return [.. transactions.Where(rows => rows.Count > 0)];
    }

    /// <summary>
    /// An Entra-like write load on one tenant: users created, renamed, added to the worker's group and deleted, each
    /// write retried on 503 (as an IdP does after Retry-After); what succeeded is what must be stored.
    /// </summary>
    private sealed class Load(TableStorage storage, TenantId tenant, string prefix)
    {
        private readonly ConcurrentDictionary<string, string> _users = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, bool>> _groups = new(StringComparer.Ordinal);
        private int _writes;

        public int Writes => Volatile.Read(ref _writes);

        public ConcurrentBag<string> Refusals { get; } = [];

        /// <summary>When the refusals came (<see cref="Stopwatch.GetTimestamp"/>).</summary>
        public ConcurrentBag<long> RefusedAt { get; } = [];

        /// <summary>From the first refusal to the last, in milliseconds: how long the writers saw writes frozen (0 without refusals).</summary>
        public long RefusedMilliseconds => RefusedAt.IsEmpty ? 0 : (long)Stopwatch.GetElapsedTime(RefusedAt.Min(), RefusedAt.Max()).TotalMilliseconds;

        public ConcurrentBag<string> Errors { get; } = [];

        /// <summary>
        /// Creates the users through the store, as many at once as the tenant has counter shards: each create then has
        /// a shard of its own and costs one transaction. With more at once, two creates share a shard, one fails its
        /// transaction, drops the cached shards and reads them again (a query, which the emulator answers by scanning
        /// the whole table): at 16 at once that was 2.1 extra requests a create, growing slower with the table, and
        /// 10,000 users did not finish in 13 minutes; at 8 (the shard count) it is one request a create.
        /// </summary>
        public async Task SeedAsync(int users)
        {
            var store = await storage.Stores.GetStoreAsync(tenant);
            await Parallel.ForEachAsync(Enumerable.Range(0, users), new ParallelOptions { MaxDegreeOfParallelism = storage.Options.CounterShards }, async (i, ct) =>
            {
                var user = await store.CreateAsync(UserType, User($"{prefix}-seed-{i}"), WriteContext.None, ct);
                _users[user.Id] = user.Resource["displayName"]?.GetValue<string>() ?? string.Empty;
            });
        }

        /// <summary>
        /// Writes the rows the store writes for <paramref name="users"/> creates (resource row, index rows, change row,
        /// each built by the store's own row builders; the counter shards once at the end), 33 users a transaction, 8
        /// transactions at once: about 300 requests for 10,000 users, where 10,000 creates through the store take
        /// 10,000 transactions, each of which the emulator answers more slowly as the partition grows (it looks a row
        /// up by scanning its partition's index). <see cref="Bulk_seeded_users_have_the_rows_the_store_writes"/> shows
        /// the rows equal to the store's.
        /// </summary>
        public async Task BulkSeedAsync(int users)
        {
            var record = (await storage.Tenants.GetAsync(tenant))!;
            var partition = new TenantPartition(storage.TableFor(record), record);
            var created = new List<(string Id, string DisplayName)>();
            var transactions = BulkUserRows(partition, Enumerable.Range(0, users).Select(i => User($"{prefix}-seed-{i}")), storage.Options.CounterShards, created);
            await Parallel.ForEachAsync(transactions, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (rows, ct) =>
                await partition.Table.SubmitTransactionAsync(rows.Select(row => new TableTransactionAction(TableTransactionActionType.Add, row)), ct));
            foreach (var (id, displayName) in created)
            {
                _users[id] = displayName;
            }
        }

        public async Task RunAsync(int worker, CancellationToken stop)
        {
            var group = await WriteAsync(store => store.CreateAsync(GroupType, Group($"{prefix}-group-{worker}"), WriteContext.None));
            var members = _groups.GetOrAdd(group!.Id, _ => new ConcurrentDictionary<string, bool>(StringComparer.Ordinal));
            var mine = new List<string>();
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                switch (i % 4)
                {
                    case 0:
                        var name = $"{prefix}-{worker}-{i}";
                        var created = await WriteAsync(store => store.CreateAsync(UserType, User(name, displayName: name), WriteContext.None));
                        if (created is not null)
                        {
                            _users[created.Id] = name;
                            mine.Add(created.Id);
                        }

                        break;
                    case 1 when mine.Count > 0:
                        var renamed = mine[^1];
                        var display = $"renamed-{i}";
                        if (await WriteAsync(store => store.PatchAsync(UserType, renamed, Patch($$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"displayName","value":"{{display}}"}]}"""), CompatibilityOptions.Default, null, WriteContext.None)) is not null)
                        {
                            _users[renamed] = display;
                        }

                        break;
                    case 2 when mine.Count > 0:
                        var member = mine[^1];
                        if (await WriteAsync(store => store.PatchAsync(GroupType, group.Id, AddMembers(member), CompatibilityOptions.Default, null, WriteContext.None)) is not null)
                        {
                            members[member] = true;
                        }

                        break;
                    case 3 when mine.Count > 2:
                        var doomed = mine[0];
                        mine.RemoveAt(0);
                        if (await WriteAsync(async store =>
                            {
                                await store.DeleteAsync(UserType, doomed, null, WriteContext.None);
                                return group;
                            }) is not null)
                        {
                            _users.TryRemove(doomed, out _);
                            members.TryRemove(doomed, out _);
                        }

                        break;
                }
            }
        }

        public async Task AssertStoredAsync(StorageHarness harness)
        {
            var store = await harness.Storage.Stores.GetStoreAsync(tenant);
            var report = await ConsistencyChecker.CheckAsync(harness.Storage, tenant);
            Assert.True(report.IsConsistent, $"{tenant}: {report}");
            Assert.Equal(_users.Count, await store.CountAsync(UserType));
            await Parallel.ForEachAsync(_users, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (user, ct) =>
            {
                var stored = await store.GetAsync(UserType, user.Key, AttributeSelection.Default, ct);
                Assert.True(stored is not null, $"{tenant}: user {user.Key} is lost");
                Assert.Equal(user.Value, stored.Resource["displayName"]?.GetValue<string>() ?? string.Empty);
            });
            foreach (var (groupId, members) in _groups)
            {
                var stored = await store.GetAsync(GroupType, groupId, AttributeSelection.Default);
                Assert.Equal(members.Keys.Order(StringComparer.Ordinal), MemberIds(stored!));
            }
        }

        /// <summary>One write, retried while it is refused with 503 (counted); null when it failed otherwise (recorded).</summary>
        private async Task<StoredResource?> WriteAsync(Func<ITenantScimStore, Task<StoredResource>> write)
        {
            for (var attempt = 0; attempt < 200; attempt++)
            {
                try
                {
                    var result = await write(await storage.Stores.GetStoreAsync(tenant));
                    Interlocked.Increment(ref _writes);
                    return result;
                }
                catch (ScimException ex) when (ex.Status == 503)
                {
                    Refusals.Add(ex.Detail ?? string.Empty);
                    RefusedAt.Add(Stopwatch.GetTimestamp());
                    await Task.Delay(50);
                }
                catch (Exception ex)
                {
                    Errors.Add(ex is ScimException scim ? $"{scim.Status} {scim.Detail}" : ex.GetType().Name + ": " + ex.Message);
                    return null;
                }
            }

            Errors.Add("still refused after 200 attempts");
            return null;
        }
    }
}
