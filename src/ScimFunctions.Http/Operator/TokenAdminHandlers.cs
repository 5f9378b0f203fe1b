using ScimFunctions.Storage.Tenants;
using ScimFunctions.Storage.Tokens;

namespace ScimFunctions.Http.Operator;

/// <summary>
/// Operator API: a tenant's tokens. Issue and rotate answer the plaintext token once (it is stored only as a hash and
/// never logged); list shows ids and dates only. A new token works at once on every instance (a miss re-reads the
/// set); a revocation takes effect here at once, elsewhere within the token cache TTL. Every change is audited.
/// </summary>
public static class TokenAdminHandlers
{
    /// <summary>
    /// Body of POST …/tokens (optional): a lifetime in days (none: until revoked or rotated) and the scope
    /// (<c>scim</c>, the default, <c>read</c> or <c>write</c>).
    /// </summary>
    public sealed record IssueBody(double? LifetimeDays = null, TokenScope Scope = TokenScope.Scim);

    /// <summary>Body of POST …/tokens/rotate (optional): which token to rotate out (default: all) and for how long it keeps working.</summary>
    public sealed record RotateBody(string? TokenId = null, double? OverlapHours = null);

    public static async Task ListAsync(ScimRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = (await TenantAdminHandlers.LoadAsync(request)).Id;
        var tokens = await request.Service<TenantAdministration>().ListTokensAsync(tenant, request.Aborted);
        await OperatorJson.WriteAsync(request, 200, new JsonObject { ["tokens"] = OperatorJson.Write(tokens) });
    }

    public static async Task IssueAsync(ScimRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = await OptionalBodyAsync<IssueBody>(request) ?? new IssueBody();
        var tenant = (await TenantAdminHandlers.LoadAsync(request)).Id;
        var lifetime = body.LifetimeDays is { } days ? TimeSpan.FromDays(days) : (TimeSpan?)null;
        var issued = await request.Service<TenantAdministration>().IssueTokenAsync(tenant, lifetime, body.Scope, OperatorAudit.Call(request), request.Aborted);
        await OperatorJson.WriteAsync(request, 201, Issued(issued));
    }

    public static async Task RotateAsync(ScimRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = await OptionalBodyAsync<RotateBody>(request) ?? new RotateBody();
        var tenant = (await TenantAdminHandlers.LoadAsync(request)).Id;
        var overlap = body.OverlapHours is { } hours ? TimeSpan.FromHours(hours) : (TimeSpan?)null;
        var issued = await request.Service<TenantAdministration>().RotateTokenAsync(tenant, body.TokenId, overlap, OperatorAudit.Call(request), request.Aborted);
        await OperatorJson.WriteAsync(request, 201, Issued(issued));
    }

    public static async Task RevokeAsync(ScimRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = (await TenantAdminHandlers.LoadAsync(request)).Id;
        var tokenId = request.RouteValue("tokenId");
        await request.Service<TenantAdministration>().RevokeTokenAsync(tenant, tokenId, OperatorAudit.Call(request), request.Aborted);
        request.HttpContext.Response.StatusCode = 204;
    }

    private static JsonObject Issued(IssuedToken issued) => new()
    {
        ["tokenId"] = issued.TokenId,
        ["token"] = issued.Token,
        ["created"] = issued.Created,
        ["expires"] = issued.Expires,
        ["scope"] = TokenScopes.Name(issued.Scope),
    };

    private static async Task<T?> OptionalBodyAsync<T>(ScimRequest request)
        where T : class
    {
        var http = request.HttpContext.Request;
        var hasBody = http.ContentLength > 0 || (http.ContentLength is null && http.Headers.TransferEncoding.Count > 0);
        return hasBody ? OperatorJson.Read<T>(await request.ReadJsonAsync(), "request body") : null;
    }
}
