using System.Text;
using System.Text.Json.Nodes;
using ScimFunctions.Http.IntegrationTests.Support;

namespace ScimFunctions.Http.IntegrationTests;

/// <summary>
/// The operator API's policy: every value in range (400 naming the setting otherwise, nothing stored), and
/// PUT …/policy changing only the settings it names (null returns one to its default).
/// </summary>
public sealed class OperatorPolicyTests(ScimTestHost host) : IClassFixture<ScimTestHost>
{
    private static string PolicyPath(TenantClient tenant) => $"/operator/tenants/{tenant.TenantId}/policy";

    [Theory]
    [InlineData("{\"requestsPerSecond\":\"NaN\"}", "requestsPerSecond")]
    [InlineData("{\"requestsPerSecond\":\"Infinity\"}", "requestsPerSecond")]
    [InlineData("{\"requestsPerSecond\":\"-Infinity\"}", "requestsPerSecond")]
    [InlineData("{\"requestsPerSecond\":1e400}", "requestsPerSecond")]
    [InlineData("{\"requestsPerSecond\":-1}", "requestsPerSecond")]
    [InlineData("{\"requestsPerSecond\":10000000}", "requestsPerSecond")]
    [InlineData("{\"maxRequestBytes\":-1}", "maxRequestBytes")]
    [InlineData("{\"maxRequestBytes\":0}", "maxRequestBytes")]
    [InlineData("{\"maxRequestBytes\":2147483647}", "maxRequestBytes")]
    [InlineData("{\"maxRequestBytes\":\"NaN\"}", "maxRequestBytes")]
    [InlineData("{\"bulkMaxOperations\":-5}", "bulkMaxOperations")]
    [InlineData("{\"bulkMaxOperations\":25000}", "bulkMaxOperations")]
    [InlineData("{\"bulkMaxPayloadBytes\":-1}", "bulkMaxPayloadBytes")]
    [InlineData("{\"bulkMaxPayloadBytes\":1073741824}", "bulkMaxPayloadBytes")]
    [InlineData("{\"maxUsers\":-1}", "maxUsers")]
    [InlineData("{\"maxGroups\":9223372036854775807}", "maxGroups")]
    [InlineData("{\"allowedOperations\":999}", "allowedOperations")]
    public async Task A_value_out_of_range_is_400_naming_the_setting_and_changes_nothing(string body, string setting)
    {
        using var tenant = await host.CreateTenantAsync();
        using var operatorClient = host.Operator();
        var before = (await operatorClient.SendJsonAsync(HttpMethod.Get, "/operator/tenants/" + tenant.TenantId, null)).Body!["policy"]!.ToJsonString();

        var response = await operatorClient.SendBytesAsync(HttpMethod.Put, PolicyPath(tenant), Encoding.UTF8.GetBytes(body), "application/json");
        var created = await operatorClient.SendBytesAsync(HttpMethod.Post, "/operator/tenants", Encoding.UTF8.GetBytes($"{{\"id\":\"{ScimFunctions.Testing.TestNames.TenantId()}\",\"policy\":{body}}}"), "application/json");

        response.AssertScimError(400);
        Assert.Contains(setting, (string?)response.Body!["detail"], StringComparison.OrdinalIgnoreCase);
        created.AssertScimError(400);
        Assert.Contains(setting, (string?)created.Body!["detail"], StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, (await operatorClient.SendJsonAsync(HttpMethod.Get, "/operator/tenants/" + tenant.TenantId, null)).Body!["policy"]!.ToJsonString());
        (await tenant.PostAsync("/Users", Scim.User(Scim.UniqueName()))).AssertStatus(201);
    }

    [Fact]
    public async Task The_ceilings_themselves_are_accepted()
    {
        using var tenant = await host.CreateTenantAsync();
        using var operatorClient = host.Operator();

        var response = await operatorClient.SendJsonAsync(HttpMethod.Put, PolicyPath(tenant), new JsonObject
        {
            ["requestsPerSecond"] = 1_000_000,
            ["maxRequestBytes"] = 10 * 1024 * 1024,
            ["bulkMaxPayloadBytes"] = 10 * 1024 * 1024,
            ["bulkMaxOperations"] = 1000,
            ["maxUsers"] = 100_000_000,
        }, "application/json");

        response.AssertStatus(200);
    }

    [Fact]
    public async Task Changing_one_setting_keeps_the_others_and_null_returns_one_to_its_default()
    {
        using var tenant = await host.CreateTenantAsync(policy: new JsonObject { ["maxUsers"] = 10, ["maxGroups"] = 3, ["bulkMaxOperations"] = 7 });
        using var operatorClient = host.Operator();

        var changed = await operatorClient.SendJsonAsync(HttpMethod.Put, PolicyPath(tenant), new JsonObject { ["requestsPerSecond"] = 5 }, "application/json");
        var cleared = await operatorClient.SendJsonAsync(HttpMethod.Put, PolicyPath(tenant), new JsonObject { ["MaxUsers"] = null, ["bulkMaxOperations"] = null }, "application/json");

        changed.AssertStatus(200);
        var policy = changed.Body!["policy"]!;
        Assert.Equal((10L, 3L, 7, 5.0), ((long)policy["maxUsers"]!, (long)policy["maxGroups"]!, (int)policy["bulkMaxOperations"]!, (double)policy["requestsPerSecond"]!));
        cleared.AssertStatus(200);
        var after = cleared.Body!["policy"]!;
        Assert.Null(after["maxUsers"]);
        Assert.Equal((3L, 100, 5.0), ((long)after["maxGroups"]!, (int)after["bulkMaxOperations"]!, (double)after["requestsPerSecond"]!));
    }

    [Fact]
    public async Task Compatibility_changes_merge_the_same_way()
    {
        using var tenant = await host.CreateTenantAsync(compatibility: new JsonObject { ["booleanStrings"] = false });
        using var operatorClient = host.Operator();

        var changed = await operatorClient.SendJsonAsync(HttpMethod.Put, $"/operator/tenants/{tenant.TenantId}/compatibility", new JsonObject { ["patchReturnsNoContent"] = false }, "application/json");

        changed.AssertStatus(200);
        Assert.False((bool)changed.Body!["compatibility"]!["booleanStrings"]!);
        Assert.False((bool)changed.Body!["compatibility"]!["patchReturnsNoContent"]!);
    }

    [Fact]
    public async Task Extension_schemas_too_large_for_the_registry_row_are_413_and_change_nothing()
    {
        using var tenant = await host.CreateTenantAsync();
        using var operatorClient = host.Operator();
        var schema = new JsonObject
        {
            ["id"] = "urn:example:params:scim:schemas:extension:big:2.0:User",
            ["name"] = "Big",
            ["description"] = new string('d', 40_000),
            ["attributes"] = new JsonArray(new JsonObject { ["name"] = "badge", ["type"] = "string", ["multiValued"] = false }),
        };

        var response = await operatorClient.SendJsonAsync(HttpMethod.Put, $"/operator/tenants/{tenant.TenantId}/schemas", new JsonObject { ["User"] = new JsonArray(schema) }, "application/json");

        response.AssertScimError(413);
        Assert.Equal("{}", (await operatorClient.SendJsonAsync(HttpMethod.Get, "/operator/tenants/" + tenant.TenantId, null)).Body!["extensionSchemas"]?.ToJsonString() ?? "{}");
    }
}
