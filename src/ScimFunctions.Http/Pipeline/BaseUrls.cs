using Microsoft.AspNetCore.Http;
using ScimFunctions.Core;

namespace ScimFunctions.Http.Pipeline;

/// <summary>
/// The public root URL that <c>meta.location</c> and <c>Location</c> are built on: the configured
/// <c>Scim:PublicBaseUrl</c>, else the request's scheme and host (X-Forwarded-Proto/Host only when trusted).
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
            var forwardedProto = First(request.Headers["X-Forwarded-Proto"].ToString());
            if (forwardedProto is "http" or "https")
            {
                scheme = forwardedProto;
            }

            var forwardedHost = First(request.Headers["X-Forwarded-Host"].ToString());
            if (forwardedHost.Length > 0 && HostString.FromUriComponent(forwardedHost).HasValue && Uri.CheckHostName(HostString.FromUriComponent(forwardedHost).Host) != UriHostNameType.Unknown)
            {
                host = forwardedHost;
            }
        }

        return scheme + "://" + host + request.PathBase.Value;
    }

    /// <summary>The tenant's SCIM base URL, e.g. <c>https://host/scim/v2/contoso</c>.</summary>
    public string Tenant(HttpRequest request, TenantId tenant) => Root(request) + "/scim/v2/" + tenant.Value;

    private static string First(string header)
    {
        var comma = header.IndexOf(',', StringComparison.Ordinal);
        return (comma < 0 ? header : header[..comma]).Trim().ToLowerInvariant();
    }
}
