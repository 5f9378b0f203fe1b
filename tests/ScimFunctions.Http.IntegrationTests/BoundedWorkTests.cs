using System.Diagnostics;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using ScimFunctions.Http.Bulk;
using ScimFunctions.Http.IntegrationTests.Support;
using ScimFunctions.Http.Tenancy;
using ScimFunctions.Storage;
using Xunit.Abstractions;

namespace ScimFunctions.Http.IntegrationTests;

/// <summary>
/// Work per request follows what changes, not what the request lists: storage requests counted on the wire by the
/// host's <see cref="Storage.Diagnostics.StorageRequestCounter"/>; times only as a generous hang guard.
/// </summary>
public sealed class BoundedWorkTests(ScimTestHost host, ITestOutputHelper output) : IClassFixture<ScimTestHost>
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Removing_19000_absent_members_in_one_patch_takes_a_handful_of_storage_requests_and_removes_only_the_present_one()
    {
        using var tenant = await host.CreateTenantAsync(policy: new JsonObject { ["requestsPerSecond"] = 100_000 });
        var keep = await tenant.CreateUserAsync(Scim.UniqueName());
        var drop = await tenant.CreateUserAsync(Scim.UniqueName());
        var groupId = await tenant.CreateGroupAsync("Bounded " + Guid.NewGuid().ToString("N"), keep, drop);
        var values = Enumerable.Range(0, 19_000).Select(_ => (JsonNode)new JsonObject { ["value"] = Guid.NewGuid().ToString() }).Append(new JsonObject { ["value"] = drop }).ToArray();
        var body = Scim.Patch(Scim.Op("remove", "members", new JsonArray(values)));
        Assert.InRange(body.ToJsonString().Length, 900_000, 1_000_000);

        var before = host.StorageRequests.Total;
        var clock = Stopwatch.StartNew();
        var response = await tenant.PatchAsync($"/Groups/{groupId}", body);
        var spent = host.StorageRequests.Total - before;
        clock.Stop();

        output.WriteLine($"19,000 absent + 1 present removed: {spent} storage requests, {clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.True(response.StatusCode is 200 or 204, response.RawBody);
        Assert.InRange(spent, 1, 6); // resource row, one page of the group's members, one transaction
        Assert.True(clock.Elapsed < HangGuard, $"took {clock.Elapsed}");
        var members = (await tenant.GetAsync($"/Groups/{groupId}")).Body!["members"]!.AsArray();
        Assert.Equal(keep, (string?)Assert.Single(members)!["value"]);
        Assert.Null((await tenant.GetAsync($"/Users/{drop}")).Body!["groups"]);
    }

    [Fact]
    public async Task Removing_only_absent_members_changes_nothing_not_even_the_version()
    {
        using var tenant = await host.CreateTenantAsync(policy: new JsonObject { ["requestsPerSecond"] = 100_000 });
        var member = await tenant.CreateUserAsync(Scim.UniqueName());
        var groupId = await tenant.CreateGroupAsync("Unchanged " + Guid.NewGuid().ToString("N"), member);
        var version = (await tenant.GetAsync($"/Groups/{groupId}")).ETag;
        var values = Enumerable.Range(0, 2_000).Select(_ => (JsonNode)new JsonObject { ["value"] = Guid.NewGuid().ToString() }).ToArray();

        var before = host.StorageRequests.Total;
        var response = await tenant.PatchAsync($"/Groups/{groupId}", Scim.Patch(Scim.Op("remove", "members", new JsonArray(values))));

        Assert.True(response.StatusCode is 200 or 204, response.RawBody);
        Assert.InRange(host.StorageRequests.Total - before, 1, 3);
        Assert.Equal(version, (await tenant.GetAsync($"/Groups/{groupId}")).ETag);
    }

    [Fact]
    public async Task A_bulkId_chain_of_25000_is_a_clear_413_even_under_a_policy_row_above_the_ceilings_and_the_host_survives()
    {
        using var tenant = await host.CreateTenantAsync();
        // A registry row written before the ceilings existed (the operator API and scimctl now refuse such values).
        await RewritePolicyAsync(tenant.TenantId, policy =>
        {
            policy["bulkMaxOperations"] = 25_000;
            policy["bulkMaxPayloadBytes"] = 100_000_000;
        });

        var config = await tenant.GetAsync("/ServiceProviderConfig");
        Assert.Equal(1_000, config.Body!["bulk"]!["maxOperations"]!.GetValue<int>());

        var response = await tenant.PostAsync("/Bulk", Chain(25_000, circular: false));
        response.AssertScimError(413);
        Assert.Contains("at most 1000", (string?)response.Body!["detail"], StringComparison.Ordinal);

        // The process is alive and a chain at the ceiling is resolved: one 1,000-long cycle, every operation 409, nothing created.
        var cycle = await tenant.PostAsync("/Bulk", Chain(1_000, circular: true));
        cycle.AssertStatus(200);
        var results = cycle.Body!["Operations"]!.AsArray();
        Assert.Equal(1_000, results.Count);
        Assert.All(results, r => Assert.Equal("409", (string?)r!["status"]));
        Assert.Equal(0, (await tenant.GetAsync("/Groups")).Body!["totalResults"]!.GetValue<long>());
    }

    [Fact]
    public void The_bulkId_order_of_a_25000_chain_is_resolved_without_recursion()
    {
        var operations = Enumerable.Range(0, 25_000)
            .Select(i => new BulkOperation(i, "POST", "b" + i, null, "/Groups", i == 0 ? new JsonObject() : new JsonObject { ["members"] = new JsonArray(new JsonObject { ["value"] = "bulkId:b" + (i - 1) }) }))
            .Reverse()
            .Select((operation, index) => operation with { Index = index })
            .ToList();

        var (order, circular) = BulkIdResolver.Order(operations);

        Assert.Empty(circular);
        Assert.Equal(Enumerable.Range(0, 25_000).Select(i => "b" + i), order.Select(o => o.BulkId));
    }

    [Fact]
    public async Task Policy_values_above_their_ceilings_are_refused_with_400_naming_the_field()
    {
        using var tenant = await host.CreateTenantAsync();
        using var operatorClient = host.Operator();
        foreach (var (field, value) in new (string, JsonNode)[] { ("bulkMaxOperations", 25_000), ("bulkMaxPayloadBytes", 100_000_000), ("maxRequestBytes", 100_000_000), ("requestsPerSecond", 1e9) })
        {
            var response = await operatorClient.SendJsonAsync(HttpMethod.Put, $"/operator/tenants/{tenant.TenantId}/policy", new JsonObject { [field] = value }, "application/json");
            response.AssertStatus(400);
            Assert.Contains(field, response.RawBody, StringComparison.Ordinal);
        }

        var created = await operatorClient.SendJsonAsync(HttpMethod.Post, "/operator/tenants", new JsonObject { ["id"] = Testing.TestNames.TenantId(), ["policy"] = new JsonObject { ["bulkMaxOperations"] = 25_000 } }, "application/json");
        created.AssertStatus(400);
    }

    private static JsonObject Chain(int length, bool circular)
    {
        var operations = new JsonArray();
        for (var i = 0; i < length; i++)
        {
            var next = i + 1 < length ? i + 1 : circular ? 0 : -1;
            var data = new JsonObject { ["schemas"] = new JsonArray(Scim.GroupSchema), ["displayName"] = "g" + i }; // short: 25,000 of them stay below the payload ceiling
            if (next >= 0)
            {
                data["members"] = new JsonArray(new JsonObject { ["value"] = "bulkId:b" + next });
            }

            operations.Add(new JsonObject { ["method"] = "POST", ["path"] = "/Groups", ["bulkId"] = "b" + i, ["data"] = data });
        }

        return new JsonObject { ["schemas"] = new JsonArray(Scim.BulkRequestSchema), ["Operations"] = operations };
    }

    private async Task RewritePolicyAsync(string tenantId, Action<JsonObject> change)
    {
        var registry = host.Services.GetRequiredService<TableStorage>().TenantTable;
        var row = (await registry.GetEntityAsync<TableEntity>("tenant", tenantId)).Value;
        var policy = JsonNode.Parse(row.GetString("Policy"))!.AsObject();
        change(policy);
        row["Policy"] = policy.ToJsonString();
        await registry.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
        host.Services.GetRequiredService<TenantDirectory>().Invalidate(Core.TenantId.Parse(tenantId));
    }
}

/// <summary>A host whose tenant requests may cause at most 6 storage requests each.</summary>
public sealed class LowBudgetHost() : ConfiguredHost(new Dictionary<string, string?> { [ScimHttpOptions.StorageRequestsPerRequestKey] = "6" });

/// <summary>The per-request cap: beyond it a request is 413 and, for a write, nothing of it is written.</summary>
public sealed class RequestBudgetCapTests(LowBudgetHost fixture) : IClassFixture<LowBudgetHost>
{
    private readonly ScimTestHost _host = fixture.Host;

    [Fact]
    public async Task A_patch_adding_more_members_than_the_budget_can_write_is_413_and_writes_nothing()
    {
        using var tenant = await _host.CreateTenantAsync(policy: new JsonObject { ["requestsPerSecond"] = 100_000 });
        var users = await CreateUsersAsync(tenant, 200);
        var groupId = await tenant.CreateGroupAsync("Capped " + Guid.NewGuid().ToString("N"));
        var version = (await tenant.GetAsync($"/Groups/{groupId}")).ETag;

        // 200 memberships are 7 transactions, plus the reads before them: more than 6 storage requests.
        var refused = await tenant.PatchAsync($"/Groups/{groupId}", Scim.Patch(Scim.Op("add", "members", new JsonArray(users.Select(id => (JsonNode)new JsonObject { ["value"] = id }).ToArray()))));

        refused.AssertScimError(413);
        var group = await tenant.GetAsync($"/Groups/{groupId}");
        Assert.Null(group.Body!["members"]);
        Assert.Equal(version, group.ETag);

        // Within the budget the same kind of change goes through.
        var accepted = await tenant.PatchAsync($"/Groups/{groupId}", Scim.Patch(Scim.Op("add", "members", new JsonArray(new JsonObject { ["value"] = users[0] }))));
        Assert.True(accepted.StatusCode is 200 or 204, accepted.RawBody);
    }

    [Fact]
    public async Task A_bulk_request_shares_one_budget_and_the_operations_beyond_it_answer_413()
    {
        using var tenant = await _host.CreateTenantAsync(policy: new JsonObject { ["requestsPerSecond"] = 100_000 });
        var operations = new JsonArray(Enumerable.Range(0, 10).Select(i => (JsonNode)new JsonObject
        {
            ["method"] = "POST",
            ["path"] = "/Users",
            ["bulkId"] = "u" + i,
            ["data"] = Scim.User(Scim.UniqueName()),
        }).ToArray());

        var response = await tenant.PostAsync("/Bulk", new JsonObject { ["schemas"] = new JsonArray(Scim.BulkRequestSchema), ["Operations"] = operations });

        response.AssertStatus(200);
        var statuses = response.Body!["Operations"]!.AsArray().Select(r => (string?)r!["status"]).ToList();
        Assert.All(statuses, s => Assert.True(s is "201" or "413", s));
        Assert.Contains("413", statuses);
        var created = statuses.Count(s => s == "201");
        Assert.InRange(created, 1, 5);
        Assert.Equal(created, (await tenant.GetAsync("/Users")).Body!["totalResults"]!.GetValue<long>());
    }

    private static async Task<string[]> CreateUsersAsync(TenantClient tenant, int count)
    {
        var ids = new string[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            ids[i] = await tenant.CreateUserAsync(Scim.UniqueName()));
        return ids;
    }
}
