using Microsoft.Extensions.DependencyInjection;
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
        services.AddSingleton<McpEndpoint>();
        return services;
    }
}
