using System.Diagnostics;
using System.Globalization;
using ScimFunctions.Http.IntegrationTests.Support;
using Xunit.Abstractions;

namespace ScimFunctions.Http.IntegrationTests.Mcp;

/// <summary>
/// What an agent's read costs next to the SCIM route doing the same work, measured in the same run: storage requests
/// per call (must be equal: the tools run the same store code) and median latency (reported with the ratio).
/// </summary>
public sealed class McpCostTests(ScimTestHost host, ITestOutputHelper output) : IClassFixture<ScimTestHost>
{
    private const int Calls = 40;

    [Fact]
    public async Task Get_user_and_search_users_cost_the_storage_requests_of_their_scim_routes()
    {
        using var tenant = await host.CreateTenantAsync(policy: new System.Text.Json.Nodes.JsonObject { ["requestsPerSecond"] = 0 });
        var userName = Scim.UniqueName();
        var id = await tenant.CreateUserAsync(userName);
        await using var agent = await McpAgent.ConnectAsync(host, tenant.TenantId, tenant.Token);
        var filter = $"userName eq \"{userName}\"";

        var scimGet = await MeasureAsync(async () => (await tenant.GetAsync("/Users/" + id)).AssertStatus(200));
        var mcpGet = await MeasureAsync(() => agent.OkAsync("get_user", new { id }));
        var scimSearch = await MeasureAsync(async () => (await tenant.GetAsync("/Users?filter=" + Uri.EscapeDataString(filter))).AssertStatus(200));
        var mcpSearch = await MeasureAsync(() => agent.OkAsync("search_users", new { filter }));

        using var raw = host.Client(tenant.Token);
        var rawGet = await MeasureAsync(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp/" + tenant.TenantId)
            {
                Content = new StringContent("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"get_user\",\"arguments\":{\"id\":\"" + id + "\"}}}", System.Text.Encoding.UTF8, "application/json"),
            };
            request.Headers.Accept.ParseAdd("application/json, text/event-stream");
            using var response = await raw.SendAsync(request);
            await response.Content.ReadAsStringAsync();
        });
        Report("raw get_user", rawGet, "GET /Users/{id}", scimGet);
        Report("get_user", mcpGet, "GET /Users/{id}", scimGet);
        Report("search_users", mcpSearch, "GET /Users?filter", scimSearch);
        Assert.Equal(scimGet.StorageRequests, mcpGet.StorageRequests);
        Assert.Equal(scimSearch.StorageRequests, mcpSearch.StorageRequests);
    }

    private async Task<Cost> MeasureAsync(Func<Task> call)
    {
        for (var i = 0; i < 5; i++)
        {
            await call(); // warm: caches, JIT, connections
        }

        var times = new List<double>(Calls);
        var before = host.StorageRequests.Total;
        for (var i = 0; i < Calls; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await call();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        times.Sort();
        return new Cost((double)(host.StorageRequests.Total - before) / Calls, times[Calls / 2], times[(int)(Calls * 0.9)]);
    }

    private void Report(string tool, Cost mcp, string route, Cost scim) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{tool}: {mcp.StorageRequests:F2} storage requests/call, median {mcp.MedianMs:F2} ms, p90 {mcp.P90Ms:F2} ms | {route}: {scim.StorageRequests:F2}, median {scim.MedianMs:F2} ms, p90 {scim.P90Ms:F2} ms | latency ratio {mcp.MedianMs / scim.MedianMs:F2}"));

    private sealed record Cost(double StorageRequests, double MedianMs, double P90Ms);
}
