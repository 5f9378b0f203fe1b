using Microsoft.Extensions.Logging;
using ScimFunctions.Http.RateLimiting;
using ScimFunctions.Http.Telemetry;
using ScimFunctions.Http.Tenancy;
using ScimFunctions.Storage.Tenants;
using ScimFunctions.Storage.Tokens;

namespace ScimFunctions.Http.Authentication;

/// <summary>
/// What every tenant route passes before its handler runs, in this order: tenant id format (404 before any storage or
/// vault call), bearer token present, on a route without <c>{tenantId}</c> the tenant the token's prefix names, the unknown-tenant rate limit when the tenant is neither cached nor known to
/// this instance (429 before any registry read), tenant known and usable, token valid (all three failures are the same 401),
/// token scope fits the route (an MCP agent's token is a 401 on SCIM routes), rate limit (429), on the MCP route the
/// policy's MCP switch (403), then the policy's allowed operations (403). No handler can skip it: the pipeline runs it.
/// </summary>
public sealed class TenantGate(TenantDirectory directory, TokenVerifier verifier, TenantRateLimiter rateLimiter, UnknownTenantLimiter unknownTenants, BaseUrls baseUrls, RefusalLog refusals, TimeProvider time, ILogger<TenantGate> logger)
{
    /// <summary>Authenticates the request; returns the wait when the tenant is over its rate limit.</summary>
    public async Task<TimeSpan?> AdmitAsync(ScimRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tokenNamesTenant = request.Route.TenantFromToken;
        TenantId tenantId = default;
        if (!tokenNamesTenant)
        {
            tenantId = request.RouteTenantId ?? throw ScimException.NotFound("The requested resource was not found.");
        }

        var token = BearerToken.From(request.HttpContext.Request);
        if (token is null)
        {
            throw Refuse(AuthenticationFailure.MissingToken, null);
        }

        // Without a tenant in the URL the token's scim_{tenantId}_ prefix names it; from there on, verified as on the tenant URL.
        if (tokenNamesTenant && !TenantToken.TryReadTenant(token, out tenantId))
        {
            throw Refuse(AuthenticationFailure.InvalidToken, null);
        }

        // A tenant this instance does not know costs a registry read before anything can be checked: rate-limited.
        if (!directory.IsFamiliar(tenantId) && !unknownTenants.TryAcquire(request.HttpContext.Request, out var lookupWait))
        {
            logger.LogInformation("Registry lookup of an uncached tenant refused by the unknown-tenant rate limit");
            return lookupWait;
        }

        var tenant = await directory.GetAsync(tenantId, request.Aborted);
        if (tenant is null)
        {
            throw Refuse(AuthenticationFailure.UnknownTenant, null);
        }

        if (!tenant.Record.IsUsable(time.GetUtcNow()))
        {
            throw Refuse(
                tenant.Record.Status switch
                {
                    TenantStatus.Suspended => AuthenticationFailure.TenantSuspended,
                    TenantStatus.Deleting => AuthenticationFailure.TenantDeleting,
                    _ => AuthenticationFailure.TenantExpired,
                },
                tenant.Record);
        }

        var verification = await verifier.VerifyAsync(tenantId, tenant.Record.Incarnation, token, request.Aborted);
        if (!verification.IsValid)
        {
            throw Refuse(AuthenticationFailure.InvalidToken, tenant.Record);
        }

        // An agent's read or write token is for the MCP tools only: on a SCIM route it is as good as no token.
        if (!request.Route.IsMcp && verification.Scope != TokenScope.Scim)
        {
            throw Refuse(AuthenticationFailure.WrongScope, tenant.Record);
        }

        if (!rateLimiter.TryAcquire(tenantId, tenant.Record.Policy.RequestsPerSecond, out var retryAfter))
        {
            return retryAfter;
        }

        if (request.Route.IsMcp && !tenant.Record.Policy.McpEnabled)
        {
            throw ScimException.Forbidden("This tenant's policy does not allow MCP.");
        }

        var required = request.Route.RequiredOperation;
        if (required != AllowedOperations.None)
        {
            tenant.Record.Policy.RequireAllowed(required, time.GetUtcNow());
        }

        request.Authenticated(new TenantContext(tenant.Record, tenant.Schemas, tokenNamesTenant ? baseUrls.TokenTenant(request.HttpContext.Request) : baseUrls.Tenant(request.HttpContext.Request, tenantId), verification.TokenId!, verification.Scope));
        logger.LogDebug("Authenticated with token {TokenId}", verification.TokenId);
        return null;
    }

    // Unknown tenant, suspended or expired tenant and wrong token answer the same 401; only the log, the metric and
    // the tenant's refusal summary say which (never anything of the token). Both name the tenant only once the
    // registry knows it.
    private ScimException Refuse(string reason, TenantRecord? knownTenant)
    {
        ScimTelemetry.AuthenticationFailures.Add(1, new KeyValuePair<string, object?>("tenant", knownTenant?.Id.Value ?? AuthenticationFailure.UnknownTenantTag), new KeyValuePair<string, object?>("reason", reason));
        if (knownTenant is not null)
        {
            refusals.Record(knownTenant, reason);
        }

        logger.LogInformation("Authentication refused: {Reason}", reason);
        return ScimException.Unauthorized();
    }
}
