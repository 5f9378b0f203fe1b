using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace ScimFunctions.Http.Mcp;

/// <summary>
/// The MCP route <c>POST /mcp/{tenantId}</c>: the shared pipeline (request id, log scope, the tenant gate with its token
/// verifier, cache and rate limit, error mapping, metrics) runs first, as for every tenant route; this handler then
/// hands the request to the official SDK's stateless Streamable HTTP endpoint. That endpoint is an ASP.NET Core
/// <see cref="RequestDelegate"/> built once per process from the SDK's own <c>MapMcp</c>, so both hosts run the same
/// delegate on the request's <see cref="HttpContext"/> and no instance keeps state between requests.
/// </summary>
public sealed class McpEndpoint(IServiceProvider services)
{
    private readonly Lazy<RequestDelegate> _sdkEndpoint = new(() => Build(services));

    /// <summary>
    /// The route's handler: the body passes the reader every SCIM body passes (media type, the tenant's
    /// <c>MaxRequestBytes</c>, strict JSON: 415/413/400 before any tool runs), the authenticated request becomes the
    /// tools' <see cref="McpCall"/>, then the SDK answers.
    /// </summary>
    public static async Task HandleAsync(ScimRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var message = Encoding.UTF8.GetBytes((await request.ReadJsonAsync()).ToJsonString());
        request.HttpContext.Request.Body = new MemoryStream(message, writable: false);
        request.HttpContext.Request.ContentLength = message.Length;
        request.Service<McpCall>().Request = request;
        await request.Service<McpEndpoint>()._sdkEndpoint.Value(request.HttpContext);
    }

    // MapMcp onto a route builder of our own, then the delegate of its POST endpoint (stateless mode maps only POST).
    private static RequestDelegate Build(IServiceProvider services)
    {
        var builder = new DelegateCollector(services);
        builder.MapMcp();
        var endpoints = builder.DataSources.SelectMany(source => source.Endpoints).ToList();
        var post = endpoints.Single(endpoint => endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(HttpMethods.Post) == true);
        return post.RequestDelegate ?? throw new InvalidOperationException("The MCP SDK's POST endpoint has no request delegate.");
    }

    private sealed class DelegateCollector(IServiceProvider services) : IEndpointRouteBuilder
    {
        public IServiceProvider ServiceProvider => services;

        public ICollection<EndpointDataSource> DataSources { get; } = [];

        public IApplicationBuilder CreateApplicationBuilder() => new ApplicationBuilder(services);
    }
}

/// <summary>The request an MCP tool call belongs to (scoped to the HTTP request; set before the SDK runs).</summary>
public sealed class McpCall
{
    private ScimRequest? _request;

    /// <summary>The authenticated request: its tenant, token and write context.</summary>
    public ScimRequest Request
    {
        get => _request ?? throw new InvalidOperationException("An MCP tool ran outside the MCP route.");
        internal set => _request = value;
    }
}
