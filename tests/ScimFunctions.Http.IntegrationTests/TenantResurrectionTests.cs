using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ScimFunctions.Core;
using ScimFunctions.Http.IntegrationTests.Support;
using ScimFunctions.Storage;
using ScimFunctions.Storage.Consistency;
using ScimFunctions.Testing;
using Xunit.Abstractions;

namespace ScimFunctions.Http.IntegrationTests;

/// <summary>
/// A deleted tenant's data never comes back: identity providers keep writing with the old token while the tenant is
/// deleted and re-created (from a second instance of the stamp that still has it cached, and on the instance that
/// deletes it), and the re-created tenant lists no user, has an empty change feed and 404s every ghost id.
/// </summary>
public sealed class TenantResurrectionTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int CacheSeconds = 3;

    private readonly ScimTestHost _a = new();
    private readonly ScimTestHost _b = new();

    public async Task InitializeAsync()
    {
        foreach (var (key, value) in new Dictionary<string, string?>
        {
            ["Scim:Storage:ResourceTable"] = TestNames.TableName("res"),
            ["Scim:Storage:TenantTable"] = TestNames.TableName("ten"),
            ["Scim:Storage:TokenTable"] = TestNames.TableName("tok"),
            ["Scim:Tenants:CacheSeconds"] = CacheSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            _a.Settings[key] = value;
            _b.Settings[key] = value;
        }

        await _a.InitializeAsync();
        await _b.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    [Fact]
    public async Task Writers_on_a_second_instance_racing_delete_and_re_create_leave_no_trace_in_the_new_tenant()
    {
        await RaceAsync(writersOn: _b);
    }

    [Fact]
    public async Task Writers_on_the_instance_that_deletes_racing_delete_and_re_create_leave_no_trace_in_the_new_tenant()
    {
        // Bulk requests admitted before the delete keep writing after it: the in-flight writes of the same instance.
        await RaceAsync(writersOn: _a, bulk: true);
    }

    private async Task RaceAsync(ScimTestHost writersOn, bool bulk = false)
    {
        using var operatorClient = _a.Operator();
        var id = TestNames.TenantId();
        var oldToken = await CreateTenantAsync(operatorClient, id);
        var writes = new ConcurrentQueue<(int Status, string? Id, DateTimeOffset At)>();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 4).Select(_ => WriteUntilStoppedAsync(writersOn, id, oldToken, writes, bulk, stop.Token)).ToList();
        while (writes.Count(w => w.Status == 201) < 8)
        {
            await Task.Delay(20);
        }

        var deleteSent = DateTimeOffset.UtcNow;
        (await operatorClient.SendJsonAsync(HttpMethod.Delete, $"/operator/tenants/{id}", null)).AssertStatus(204);
        var deleted = DateTimeOffset.UtcNow;
        var newToken = await CreateTenantAsync(operatorClient, id);

        // Long enough for the writers' instance to load the new incarnation while the old token is still in its token cache.
        await Task.Delay(TimeSpan.FromSeconds(CacheSeconds + 1));
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        var ghosts = writes.Where(w => w.Status == 201).Select(w => w.Id!).ToList();
        Assert.All(writes, w => Assert.True(w.Status is 201 or 401, $"a writer got {w.Status}"));
        Assert.Contains(writes, w => w.Status == 401 && w.At > deleted);
        if (writersOn == _b)
        {
            // The race is real: the second instance kept accepting writes while the tenant was being deleted.
            Assert.Contains(writes, w => w.Status == 201 && w.At > deleteSent);
        }

        foreach (var host in new[] { _a, _b })
        {
            using var tenant = new TenantClient(host, id, newToken);
            var list = await tenant.GetAsync("/Users?count=1000");
            list.AssertStatus(200);
            Assert.Equal(0, (int)list.Body!["totalResults"]!);
            foreach (var ghost in ghosts.Take(25))
            {
                (await tenant.GetAsync($"/Users/{ghost}")).AssertScimError(404);
            }

            using var hostOperator = host.Operator();
            var changes = await hostOperator.SendJsonAsync(HttpMethod.Get, $"/operator/tenants/{id}/changes", null);
            changes.AssertStatus(200);
            Assert.Empty(changes.Body!["changes"]!.AsArray());

            using var old = new TenantClient(host, id, oldToken);
            (await old.PostAsync("/Users", Scim.User(Scim.UniqueName()))).AssertScimError(401);
        }

        var storage = (TableStorage)_a.Services.GetService(typeof(TableStorage))!;
        var purge = await storage.Tenants.PurgeDeletedAsync();
        output.WriteLine(
            $"writes: {writes.Count(w => w.Status == 201 && w.At <= deleteSent)} accepted before the DELETE, {writes.Count(w => w.Status == 201 && w.At > deleteSent)} while/after it " +
            $"({writes.Count(w => w.Status == 201 && w.At > deleted)} after it answered), {writes.Count(w => w.Status == 401)} refused; DELETE took {(deleted - deleteSent).TotalMilliseconds:F0} ms; " +
            $"purge removed {purge.RowsRemoved} late rows");
        Assert.Equal(1, purge.Tombstones);
        Assert.True((await ConsistencyChecker.CheckAsync(storage, TenantId.Parse(id))).IsConsistent);
        Assert.Equal(0, (await storage.Tenants.PurgeDeletedAsync()).RowsRemoved);
    }

    private static async Task<string> CreateTenantAsync(HttpClient operatorClient, string id)
    {
        var body = new JsonObject { ["id"] = id, ["policy"] = new JsonObject { ["requestsPerSecond"] = 500 } };
        (await operatorClient.SendJsonAsync(HttpMethod.Post, "/operator/tenants", body)).AssertStatus(201);
        var issued = await operatorClient.SendJsonAsync(HttpMethod.Post, $"/operator/tenants/{id}/tokens", null);
        issued.AssertStatus(201);
        return (string)issued.Body!["token"]!;
    }

    private static async Task WriteUntilStoppedAsync(ScimTestHost host, string id, string token, ConcurrentQueue<(int, string?, DateTimeOffset)> writes, bool bulk, CancellationToken stop)
    {
        using var tenant = new TenantClient(host, id, token);
        while (!stop.IsCancellationRequested)
        {
            if (!bulk)
            {
                var response = await tenant.PostAsync("/Users", Scim.User(Scim.UniqueName()));
                writes.Enqueue((response.StatusCode, response.StatusCode == 201 ? (string?)response.Body!["id"] : null, DateTimeOffset.UtcNow));
                continue;
            }

            var operations = Enumerable.Range(0, 50).Select(i => (JsonNode)new JsonObject { ["method"] = "POST", ["path"] = "/Users", ["bulkId"] = "u" + i, ["data"] = Scim.User(Scim.UniqueName()) });
            var answer = await tenant.PostAsync("/Bulk", new JsonObject { ["schemas"] = new JsonArray(Scim.BulkRequestSchema), ["Operations"] = new JsonArray(operations.ToArray()) });
            if (answer.StatusCode != 200)
            {
                writes.Enqueue((answer.StatusCode, null, DateTimeOffset.UtcNow));
                continue;
            }

            foreach (var result in answer.Body!["Operations"]!.AsArray())
            {
                var status = int.Parse((string)result!["status"]!, System.Globalization.CultureInfo.InvariantCulture);
                writes.Enqueue((status, status == 201 ? ((string)result["location"]!).Split('/')[^1] : null, DateTimeOffset.UtcNow));
            }
        }
    }
}
