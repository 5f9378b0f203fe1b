using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.AspNetCore;
using ModelContextProtocol.Protocol;

namespace ScimFunctions.Http.Mcp;

/// <summary>The MCP server's registrations (docs/mcp.md).</summary>
public static class McpServiceCollectionExtensions
{
    /// <summary>The official SDK's server in stateless Streamable HTTP mode with the directory tools, for the route <c>/mcp/{tenantId}</c>.</summary>
    public static IServiceCollection AddScimMcp(this IServiceCollection services)
    {
        services.AddMcpServer(options => options.ServerInfo = new Implementation { Name = "scimfunctions", Title = "ScimFunctions directory", Version = "1.0" })
            .WithHttpTransport(options => options.SessionMode = HttpServerSessionMode.Stateless)
            .WithTools<McpDirectoryTools>();
        services.AddScoped<McpCall>();

        // The SDK's trace lines quote whole JSON-RPC messages (tool arguments and results are user data), and its
        // debug lines cost more than the tool call itself: warnings only, whatever the configuration asks for.
        services.AddLogging(logging => logging.AddFilter("ModelContextProtocol", LogLevel.Warning));
        services.AddSingleton<McpEndpoint>();
        return services;
    }
}
