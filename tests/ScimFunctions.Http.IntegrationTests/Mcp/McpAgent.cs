using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ScimFunctions.Http.IntegrationTests.Support;

namespace ScimFunctions.Http.IntegrationTests.Mcp;

/// <summary>An AI agent's side of the MCP route: the official C# MCP client over Streamable HTTP with a bearer token.</summary>
public sealed class McpAgent : IAsyncDisposable
{
    private readonly McpClient _client;

    private McpAgent(McpClient client) => _client = client;

    public static async Task<McpAgent> ConnectAsync(ScimTestHost host, string tenantId, string token)
    {
        var http = host.Client();
        var transport = new HttpClientTransport(
            new HttpClientTransportOptions
            {
                Endpoint = new Uri(http.BaseAddress!, "/mcp/" + tenantId),
                TransportMode = HttpTransportMode.StreamableHttp,
                AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token },
            },
            http,
            NullLoggerFactory.Instance,
            ownsHttpClient: true);
        return new McpAgent(await McpClient.CreateAsync(transport));
    }

    public Task<IList<McpClientTool>> ListToolsAsync() => _client.ListToolsAsync().AsTask();

    /// <summary>Calls a tool; the answer's JSON (the result, or the SCIM error document when <see cref="ToolAnswer.IsError"/>).</summary>
    public async Task<ToolAnswer> CallAsync(string tool, object? arguments = null)
    {
        var values = arguments is null
            ? new Dictionary<string, object?>()
            : JsonSerializer.SerializeToElement(arguments).EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        var result = await _client.CallToolAsync(tool, values);
        var text = string.Concat(result.Content.OfType<TextContentBlock>().Select(block => block.Text));
        return new ToolAnswer(result.IsError == true, JsonNode.Parse(text)!);
    }

    /// <summary>Calls a tool that must succeed.</summary>
    public async Task<JsonNode> OkAsync(string tool, object? arguments = null)
    {
        var answer = await CallAsync(tool, arguments);
        Assert.False(answer.IsError, $"{tool} failed: {answer.Json.ToJsonString()}");
        return answer.Json;
    }

    /// <summary>Calls a tool that must fail with the SCIM status <paramref name="status"/>.</summary>
    public async Task<JsonNode> ErrorAsync(string tool, object? arguments, int status)
    {
        var answer = await CallAsync(tool, arguments);
        Assert.True(answer.IsError, $"{tool} succeeded: {answer.Json.ToJsonString()}");
        Assert.Equal(status.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)answer.Json["status"]);
        Assert.DoesNotContain("   at ", answer.Json.ToJsonString(), StringComparison.Ordinal);
        return answer.Json;
    }

    /// <summary>The HTTP status of a raw MCP <c>initialize</c> POST, for the answers a client sees before MCP starts (401, 403, 429).</summary>
    public static async Task<HttpResponseMessage> RawInitializeAsync(ScimTestHost host, string tenantId, string? token)
    {
        using var http = host.Client(token);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp/" + tenantId)
        {
            Content = new StringContent(
                """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"test","version":"1"}}}""",
                Encoding.UTF8,
                "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();
}

public sealed record ToolAnswer(bool IsError, JsonNode Json);
