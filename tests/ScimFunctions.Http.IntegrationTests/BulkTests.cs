using System.Text.Json.Nodes;
using ScimFunctions.Http.IntegrationTests.Support;

namespace ScimFunctions.Http.IntegrationTests;

/// <summary>POST /Bulk (RFC 7644 §3.7) with bulkId references, failOnErrors and the tenant's limits.</summary>
public sealed class BulkTests(ScimTestHost host) : IClassFixture<ScimTestHost>
{
    private static JsonObject Bulk(params JsonObject[] operations) => new()
    {
        ["schemas"] = new JsonArray(Scim.BulkRequestSchema),
        ["Operations"] = new JsonArray(operations.Cast<JsonNode>().ToArray()),
    };

    private static JsonObject Operation(string method, string path, string? bulkId = null, JsonNode? data = null)
    {
        var operation = new JsonObject { ["method"] = method, ["path"] = path };
        if (bulkId is not null)
        {
            operation["bulkId"] = bulkId;
        }

        if (data is not null)
        {
            operation["data"] = data;
        }

        return operation;
    }

    [Fact]
    public async Task A_group_referring_to_a_user_by_bulkId_is_created_after_it_whatever_the_order()
    {
        using var tenant = await host.CreateTenantAsync();
        var request = Bulk(
            Operation("POST", "/Groups", "g1", Scim.Group("Bulk " + Guid.NewGuid().ToString("N"), "bulkId:u1")),
            Operation("POST", "/Users", "u1", Scim.User(Scim.UniqueName())));

        var response = await tenant.PostAsync("/Bulk", request);

        response.AssertStatus(200);
        var results = response.Body!["Operations"]!.AsArray().Select(o => o!.AsObject()).ToList();
        Assert.Equal(["g1", "u1"], results.Select(r => (string?)r["bulkId"]));
        Assert.All(results, r => Assert.Equal("201", (string?)r["status"]));
        var userLocation = (string)results[1]["location"]!;
        var userId = userLocation[(userLocation.LastIndexOf('/') + 1)..];
        var groupId = ((string)results[0]["location"]!).Split('/')[^1];
        var members = (await tenant.GetAsync($"/Groups/{groupId}")).Body!["members"]!.AsArray();
        Assert.Equal(userId, (string?)Assert.Single(members)!["value"]);
        Assert.DoesNotContain("bulkId", (await tenant.GetAsync($"/Groups/{groupId}")).RawBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Circular_references_fail_with_409_and_create_nothing()
    {
        using var tenant = await host.CreateTenantAsync();
        var request = Bulk(
            Operation("POST", "/Groups", "a", Scim.Group("A " + Guid.NewGuid().ToString("N"), "bulkId:b")),
            Operation("POST", "/Groups", "b", Scim.Group("B " + Guid.NewGuid().ToString("N"), "bulkId:a")));

        var response = await tenant.PostAsync("/Bulk", request);

        response.AssertStatus(200);
        Assert.All(response.Body!["Operations"]!.AsArray(), o => Assert.Equal("409", (string?)o!["status"]));
        Assert.Equal(0, (await tenant.GetAsync("/Groups")).Body!["totalResults"]!.GetValue<long>());
    }

    [Fact]
    public async Task Fail_on_errors_stops_after_the_given_number_of_errors()
    {
        using var tenant = await host.CreateTenantAsync();
        var request = Bulk(
            Operation("DELETE", "/Users/missing-1"),
            Operation("POST", "/Users", "ok", Scim.User(Scim.UniqueName())));
        request["failOnErrors"] = 1;

        var response = await tenant.PostAsync("/Bulk", request);

        response.AssertStatus(200);
        var result = Assert.Single(response.Body!["Operations"]!.AsArray());
        Assert.Equal("404", (string?)result!["status"]);
        Assert.Equal("404", (string?)result["response"]!["status"]);
        Assert.Equal(0, (await tenant.GetAsync("/Users")).Body!["totalResults"]!.GetValue<long>());
    }

    [Fact]
    public async Task More_operations_than_the_tenant_allows_is_413_and_bulk_off_is_501()
    {
        using var limited = await host.CreateTenantAsync(policy: new JsonObject { ["bulkMaxOperations"] = 1 });
        using var off = await host.CreateTenantAsync(policy: new JsonObject { ["bulkEnabled"] = false });
        var request = Bulk(
            Operation("POST", "/Users", "1", Scim.User(Scim.UniqueName())),
            Operation("POST", "/Users", "2", Scim.User(Scim.UniqueName())));

        (await limited.PostAsync("/Bulk", request)).AssertScimError(413);
        (await off.PostAsync("/Bulk", request)).AssertScimError(501);
        Assert.Equal(0, (await limited.GetAsync("/Users")).Body!["totalResults"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_bulk_payload_above_the_tenant_limit_is_413()
    {
        using var tenant = await host.CreateTenantAsync(policy: new JsonObject { ["bulkMaxPayloadBytes"] = 1024 });
        var user = Scim.User(Scim.UniqueName());
        user["displayName"] = new string('x', 2048);

        (await tenant.PostAsync("/Bulk", Bulk(Operation("POST", "/Users", "1", user)))).AssertScimError(413);
    }
}
