namespace ScimFunctions.Http.Protocol;

/// <summary>
/// The public root URL that <c>meta.location</c> and <c>Location</c> are built on: the configured
/// <c>Scim:PublicBaseUrl</c>, else the request's scheme and host (X-Forwarded-Proto/Host only when trusted).
/// Of a comma-separated forwarded value the last one counts (the nearest proxy's, as ASP.NET Core's forwarded-headers
/// middleware reads it): a proxy that appends to a client-sent header cannot be made to hand out the client's host.
/// A forwarded host that is not a plain <c>host[:port]</c> is ignored.
/// </summary>
public sealed class BaseUrls(ScimHttpOptions options)
{
    public string Root(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (options.PublicBaseUrl is { } configured)
        {
            return configured.AbsoluteUri.TrimEnd('/');
        }

        var scheme = request.Scheme;
        var host = request.Host.Value ?? "localhost";
        if (options.TrustForwardedHeaders)
        {
            var forwardedProto = Last(request.Headers["X-Forwarded-Proto"].ToString());
            if (forwardedProto is "http" or "https")
            {
                scheme = forwardedProto;
            }

            var forwardedHost = Last(request.Headers["X-Forwarded-Host"].ToString());
            if (IsHostAndPort(forwardedHost))
            {
                host = forwardedHost;
            }
        }

        return scheme + "://" + host + request.PathBase.Value;
    }

    /// <summary>The tenant's SCIM base URL, e.g. <c>https://host/scim/v2/contoso</c>.</summary>
    public string Tenant(HttpRequest request, TenantId tenant) => Root(request) + "/" + Routing.ScimRoutes.TokenBase + "/" + tenant.Value;

    /// <summary>The SCIM base URL a token-named tenant is served under, e.g. <c>https://host/scim/v2</c>.</summary>
    public string TokenTenant(HttpRequest request) => Root(request) + "/" + Routing.ScimRoutes.TokenBase;

    private static string Last(string header)
    {
        var comma = header.LastIndexOf(',');
        return (comma < 0 ? header : header[(comma + 1)..]).Trim().ToLowerInvariant();
    }

    private static bool IsHostAndPort(string value) =>
        value.Length > 0
        && value.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '-' or ':' or '[' or ']')
        && Uri.TryCreate("http://" + value + "/", UriKind.Absolute, out var uri)
        && uri.HostNameType is UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6;
}
