using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ScimFunctions.Http.Telemetry;

/// <summary>
/// The HTTP layer's OpenTelemetry sources: one activity per request and request metrics by route and status.
/// Tag values never carry tokens, bodies or query strings.
/// </summary>
public static class ScimTelemetry
{
    public const string SourceName = "ScimFunctions.Http";

    /// <summary>The storage layer's meter name (storage requests by tenant-independent operation), exported with ours.</summary>
    public const string StorageMeterName = "ScimFunctions.Storage";

    public static ActivitySource ActivitySource { get; } = new(SourceName);

    private static readonly Meter _meter = new(SourceName);

    /// <summary>Requests answered, tagged with route name, method and status code.</summary>
    public static Counter<long> Requests { get; } = _meter.CreateCounter<long>("scim.http.requests", description: "SCIM requests answered, by route and status.");

    /// <summary>Request duration in milliseconds, tagged with route name and status code.</summary>
    public static Histogram<double> Duration { get; } = _meter.CreateHistogram<double>("scim.http.duration", unit: "ms", description: "SCIM request duration.");

    /// <summary>
    /// Tenant requests refused with 401, tagged <c>reason</c> (<see cref="AuthenticationFailure"/>) and <c>tenant</c>:
    /// the tenant id when the registry knows the tenant, <c>unknown</c> otherwise (so made-up ids cannot grow the
    /// metric's cardinality). Never tagged with anything of the presented token.
    /// </summary>
    public static Counter<long> AuthenticationFailures { get; } = _meter.CreateCounter<long>("scim.auth.failures", description: "Tenant requests refused with 401, by tenant and reason.");

    /// <summary>Requests refused by a tenant's rate limit.</summary>
    public static Counter<long> RateLimited { get; } = _meter.CreateCounter<long>("scim.http.rate_limited", description: "Requests refused by a tenant rate limit.");
}

/// <summary>The <c>reason</c> tag values of <see cref="ScimTelemetry.AuthenticationFailures"/>.</summary>
public static class AuthenticationFailure
{
    public const string MissingToken = "missing_token";
    public const string UnknownTenant = "unknown_tenant";
    public const string TenantSuspended = "tenant_suspended";
    public const string TenantExpired = "tenant_expired";
    public const string TenantDeleting = "tenant_deleting";
    public const string InvalidToken = "invalid_token";

    /// <summary>A valid token whose scope does not cover the route (an MCP agent's token on a SCIM route).</summary>
    public const string WrongScope = "wrong_scope";

    /// <summary>The <c>tenant</c> tag of a failure for a tenant the registry does not know (or not looked up yet).</summary>
    public const string UnknownTenantTag = "unknown";
}
