using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using ScimFunctions.FunctionApp.Tests.Support;
using ScimFunctions.Testing;

namespace ScimFunctions.FunctionApp.Tests;

/// <summary>
/// A function hands the HTTP layer the route values the Functions host bound from its trigger's template (the
/// invocation's binding data), and the layer does not match the path again. Shown by binding values that differ from
/// what the path would give: the answer is the bound resource's. (No Functions host runs here: the seam is the
/// function's <c>FunctionContext</c>, which the test builds with the binding data as the host does.)
/// </summary>
public sealed class FunctionRouteBindingTests
{
    [Fact]
    public async Task The_bound_route_values_are_the_ones_used_not_a_new_match_of_the_path()
    {
        await using var app = await FunctionAppUnderTest.StartAsync(HostPair.Settings(await SharedAzurite.GetConnectionStringAsync()));
        var inPath = TestNames.TenantId("fp");
        var bound = TestNames.TenantId("fb");
        foreach (var tenant in new[] { inPath, bound })
        {
            var created = await app.SendAsync(Operator("POST", "/operator/tenants", new JsonObject { ["id"] = tenant }.ToJsonString()));
            Assert.Equal(201, created.Status);
        }

        var answer = await app.SendAsync(Operator("GET", $"/operator/tenants/{inPath}"), new RouteValueDictionary { ["tenantId"] = bound });

        Assert.Equal("GetTenant", app.Invoked[^1]);
        Assert.Equal(200, answer.Status);
        Assert.Equal(bound, (string?)JsonNode.Parse(answer.Body)!["id"]);
    }

    [Fact]
    public async Task A_function_whose_binding_lacks_a_route_value_answers_404_not_a_value_taken_from_the_path()
    {
        await using var app = await FunctionAppUnderTest.StartAsync(HostPair.Settings(await SharedAzurite.GetConnectionStringAsync()));
        var tenant = TestNames.TenantId("fn");
        Assert.Equal(201, (await app.SendAsync(Operator("POST", "/operator/tenants", new JsonObject { ["id"] = tenant }.ToJsonString()))).Status);

        var answer = await app.SendAsync(Operator("GET", $"/operator/tenants/{tenant}"), []);

        Assert.Equal(404, answer.Status);
    }

    private static HostRequest Operator(string method, string path, string? body = null) =>
        new(method, path, new Dictionary<string, string> { ["Authorization"] = "Bearer " + HostPair.OperatorKey }, body, body is null ? null : "application/json");
}
