namespace ScimFunctions.FunctionApp;

/// <summary>MCP for AI agents: a tenant's directory as tools (stateless Streamable HTTP, docs/mcp.md).</summary>
public static class McpFunctions
{
    [Function("Mcp")]
    public static Task Mcp([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "mcp/{tenantId}")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);
}
