using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ScimFunctions.Core.Resources;
using ScimFunctions.Core.Schemas;
using ScimFunctions.Http.Handlers;
using ScimFunctions.Http.Routing;
using ScimFunctions.Http.Tenancy;
using ScimFunctions.Storage.Abstractions;

namespace ScimFunctions.Http.Pipeline;

/// <summary>One request as a handler sees it: route, route values, request id and (for tenant routes) the authenticated tenant.</summary>
public sealed class ScimRequest
{
    private TenantContext? _tenant;
    private string? _actor;
    private ITenantScimStore? _store;

    internal ScimRequest(HttpContext httpContext, ScimRoute route, RouteValueDictionary routeValues, string requestId)
    {
        HttpContext = httpContext;
        Route = route;
        RouteValues = routeValues;
        RequestId = requestId;
        RouteTenantId = TenantId.TryParse(routeValues.TryGetValue("tenantId", out var tenant) ? tenant as string : null, out var id) ? id : null;
    }

    public HttpContext HttpContext { get; }
    public ScimRoute Route { get; }
    public RouteValueDictionary RouteValues { get; }
    public string RequestId { get; }

    /// <summary>The route's <c>{tenantId}</c>, parsed once; null when the route has none or it is not a tenant id.</summary>
    public TenantId? RouteTenantId { get; }
    public CancellationToken Aborted => HttpContext.RequestAborted;
    public IServiceProvider Services => HttpContext.RequestServices;

    /// <summary>The authenticated tenant; only tenant routes have one.</summary>
    public TenantContext Tenant => _tenant ?? throw new InvalidOperationException($"Route {Route.Name} has no authenticated tenant.");

    /// <summary>
    /// Who is acting, as the change log and the operator audit record it: the id of the tenant token that
    /// authenticated the request (<c>tok-…</c>, as <c>scimctl token list</c> shows it) or the operator key's id
    /// (<c>operator:…</c>); null before authentication.
    /// </summary>
    public string? Actor => _actor;

    /// <summary>Who writes, as recorded in the change log, with the channel of a tenant route (SCIM or MCP).</summary>
    public WriteContext WriteContext => new(RequestId, _actor, _tenant is null ? null : Route.IsMcp ? Channels.Mcp : Channels.Scim);

    internal void Authenticated(TenantContext tenant)
    {
        _tenant = tenant;
        _actor = tenant.TokenId;
    }

    internal void AuthenticatedOperator(string operatorId) => _actor = operatorId;

    public T Service<T>()
        where T : notnull => HttpContext.RequestServices.GetRequiredService<T>();

    /// <summary>A route value (e.g. "id"), unescaped; a 404 when absent.</summary>
    public string RouteValue(string name) =>
        RouteValues.TryGetValue(name, out var value) && value is string text && text.Length > 0
            ? text
            : throw ScimException.NotFound("The requested resource was not found.");

    /// <summary>A query-string parameter, matched case-insensitively; null when absent.</summary>
    public string? Query(string name) => HttpContext.Request.Query.TryGetValue(name, out var values) ? values.ToString() : null;

    /// <summary>The store of the authenticated tenant (resolved once per request).</summary>
    public ValueTask<ITenantScimStore> StoreAsync()
    {
        // The gate already holds the tenant's registry row: the store is built from it without another registry read
        // (and with the policy this request was admitted under).
        _store ??= Service<ITenantStoreProvider>().GetStore(Tenant.Record);
        return ValueTask.FromResult(_store);
    }

    /// <summary>The authenticated tenant's SCIM operations, writing with this request's <see cref="WriteContext"/>.</summary>
    public async ValueTask<TenantOperations> OperationsAsync() => new(Tenant, await StoreAsync(), WriteContext, Aborted);

    /// <summary>Reads the JSON body within the route's size limit; 400/413/415 on bad input.</summary>
    public Task<JsonNode> ReadJsonAsync()
    {
        var limit = _tenant is null ? RequestBodyReader.OperatorMaxBytes
            : Route.IsBulk ? _tenant.Policy.BulkMaxPayloadBytes
            : _tenant.Policy.MaxRequestBytes;
        return RequestBodyReader.ReadJsonAsync(HttpContext.Request, limit, Aborted);
    }

    /// <summary>The <c>attributes</c>/<c>excludedAttributes</c> parameters of the query string.</summary>
    public AttributeSelection Selection(ResourceTypeDefinition resourceType) =>
        AttributeSelection.Parse(Query("attributes"), Query("excludedAttributes"), resourceType);

    /// <summary>True when the client named <c>attributes</c> or <c>excludedAttributes</c>.</summary>
    public bool HasSelectionParameters => Query("attributes") is not null || Query("excludedAttributes") is not null;
}
