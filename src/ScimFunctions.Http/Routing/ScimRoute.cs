namespace ScimFunctions.Http.Routing;

/// <summary>Handles one request of a route; writes the response to <see cref="ScimRequest.HttpContext"/>.</summary>
public delegate Task ScimHandler(ScimRequest request);

/// <summary>Who may call a route.</summary>
public enum RouteAccess
{
    /// <summary>No credential (health probe, unknown-URL answers).</summary>
    Anonymous,

    /// <summary>A tenant's bearer token; the route template carries <c>{tenantId}</c>, or the token names the tenant (<see cref="ScimRoute.TenantFromToken"/>).</summary>
    Tenant,

    /// <summary>The operator credential (setting <c>Scim:Admin:KeySha256</c>); never a tenant token.</summary>
    Operator,
}

/// <summary>
/// One entry of the route table: a unique name (the Function App's function name), the HTTP methods, the route
/// template (a whole path without leading '/', as host.json's empty routePrefix makes it) and the handler.
/// </summary>
public sealed record ScimRoute(string Name, IReadOnlyList<string> Methods, string Template, RouteAccess Access, ScimHandler Handler)
{
    /// <summary>The operation a tenant's policy must allow; <see cref="Storage.Tenants.AllowedOperations.None"/> when the handler checks per operation (bulk).</summary>
    public Storage.Tenants.AllowedOperations RequiredOperation { get; init; } = Storage.Tenants.AllowedOperations.Read;

    /// <summary>True for a tenant route without <c>{tenantId}</c>: the token's <c>scim_{tenantId}_</c> prefix names the tenant.</summary>
    public bool TenantFromToken { get; init; }

    /// <summary>True for routes whose request body is a bulk request (limited by the bulk payload size).</summary>
    public bool IsBulk { get; init; }

    /// <summary>
    /// True for the MCP route: any token scope may pass the gate (the tools check read/write), the tenant's policy must
    /// allow MCP; every other tenant route admits <see cref="Storage.Tokens.TokenScope.Scim"/> tokens only.
    /// </summary>
    public bool IsMcp { get; init; }

    public override string ToString() => $"{string.Join(',', Methods)} /{Template} ({Name})";
}
