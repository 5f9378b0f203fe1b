using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ScimFunctions.FunctionApp.Tests.Support;
using ScimFunctions.Testing;

namespace ScimFunctions.FunctionApp.Tests;

/// <summary>
/// The official C# MCP client holds a conversation with the Function App's own composition (its Mcp function, its
/// services): tools listed, a user created and read back over SCIM, a read token refused on a write tool.
/// </summary>
public sealed class FunctionAppMcpTests
{
    [Fact]
    public async Task The_official_mcp_client_works_against_the_function_app_composition()
    {
        await using var app = await FunctionAppUnderTest.StartAsync(HostPair.Settings(await SharedAzurite.GetConnectionStringAsync()));
        var tenantId = TestNames.TenantId("mcp");
        using var operatorClient = Client(app, HostPair.OperatorKey);
        (await operatorClient.PostAsJsonAsync("/operator/tenants", new { id = tenantId })).EnsureSuccessStatusCode();
        var scimToken = await IssueAsync(operatorClient, tenantId, "scim");
        var readToken = await IssueAsync(operatorClient, tenantId, "read");

        await using (var agent = await ConnectAsync(app, tenantId, scimToken))
        {
            Assert.Equal(13, (await agent.ListToolsAsync()).Count);
            var created = await CallAsync(agent, "create_user", new Dictionary<string, object?> { ["userName"] = $"agent.{Guid.NewGuid():N}@example.com" });
            Assert.False(created.IsError);
            var id = (string)created.Json["id"]!;
            using var scim = Client(app, scimToken);
            var overScim = JsonNode.Parse(await scim.GetStringAsync($"/scim/v2/{tenantId}/Users/{id}"))!;
            Assert.Equal((string?)created.Json["userName"], (string?)overScim["userName"]);
        }

        await using (var reader = await ConnectAsync(app, tenantId, readToken))
        {
            var refused = await CallAsync(reader, "create_user", new Dictionary<string, object?> { ["userName"] = "refused@example.com" });
            Assert.True(refused.IsError);
            Assert.Equal("403", (string?)refused.Json["status"]);
            Assert.False((await CallAsync(reader, "tenant_summary", [])).IsError);
        }
    }

    private static HttpClient Client(FunctionAppUnderTest app, string? bearer)
    {
        var client = new HttpClient(new FunctionAppHandler(app)) { BaseAddress = new Uri("http://localhost/") };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    private static async Task<string> IssueAsync(HttpClient operatorClient, string tenantId, string scope)
    {
        using var issued = await operatorClient.PostAsJsonAsync($"/operator/tenants/{tenantId}/tokens", new { scope });
        issued.EnsureSuccessStatusCode();
        return (string)JsonNode.Parse(await issued.Content.ReadAsStringAsync())!["token"]!;
    }

    private static Task<McpClient> ConnectAsync(FunctionAppUnderTest app, string tenantId, string token) =>
        McpClient.CreateAsync(new HttpClientTransport(
            new HttpClientTransportOptions
            {
                Endpoint = new Uri("http://localhost/mcp/" + tenantId),
                TransportMode = HttpTransportMode.StreamableHttp,
                AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token },
            },
            Client(app, null),
            NullLoggerFactory.Instance,
            ownsHttpClient: true));

    private static async Task<(bool IsError, JsonNode Json)> CallAsync(McpClient client, string tool, Dictionary<string, object?> arguments)
    {
        var result = await client.CallToolAsync(tool, arguments);
        return (result.IsError == true, JsonNode.Parse(string.Concat(result.Content.OfType<TextContentBlock>().Select(block => block.Text)))!);
    }
}
