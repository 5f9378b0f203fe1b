using ScimFunctions.Http.IntegrationTests.Support;

namespace ScimFunctions.Http.IntegrationTests.Mcp;

/// <summary>
/// An agent's tool arguments and results are user data: they never reach a log, even when the configuration asks
/// for the MCP SDK's trace lines (which quote whole JSON-RPC messages).
/// </summary>
public sealed class McpLogHygieneTests
{
    [Fact]
    public async Task Tool_arguments_and_results_never_reach_a_log_even_with_the_sdk_at_trace_level()
    {
        var host = new ScimTestHost();
        host.Settings["Logging:LogLevel:ModelContextProtocol"] = "Trace";
        await host.InitializeAsync();
        try
        {
            using var tenant = await host.CreateTenantAsync();
            var marker = "secret-marker-" + Guid.NewGuid().ToString("N");
            await using (var agent = await McpAgent.ConnectAsync(host, tenant.TenantId, tenant.Token))
            {
                var id = (string)(await agent.OkAsync("create_user", new { userName = marker + "@example.com", displayName = marker }))["id"]!;
                await agent.OkAsync("search_users", new { filter = $"displayName eq \"{marker}\"" });
                await agent.ErrorAsync("update_user", new { id, operations = new object[] { new { op = "replace", path = marker + "[", value = marker } } }, 400);
            }

            Assert.Contains(host.Logs.Lines, line => line.Message.Contains("Mcp", StringComparison.Ordinal));
            Assert.All(host.Logs.Lines, line => Assert.DoesNotContain(marker, line.AllText, StringComparison.Ordinal));
            Assert.All(host.Logs.JsonLines, line => Assert.DoesNotContain(marker, line, StringComparison.Ordinal));
        }
        finally
        {
            await host.DisposeAsync();
        }
    }
}
