using System.Globalization;
using Microsoft.Extensions.Configuration;
using ScimFunctions.Storage.Limits;
using ScimFunctions.Storage.Tokens;

namespace ScimFunctions.Http;

/// <summary>
/// The HTTP layer's settings (the <c>Values</c> of local.settings.json / app settings, <c>__</c> for <c>:</c>).
/// docs/http.md lists every setting with its default.
/// </summary>
public sealed record ScimHttpOptions
{
    public const string AdminKeySha256Key = "Scim:Admin:KeySha256";
    public const string PublicBaseUrlKey = "Scim:PublicBaseUrl";
    public const string TrustForwardedHeadersKey = "Scim:TrustForwardedHeaders";
    public const string TenantCacheSecondsKey = "Scim:Tenants:CacheSeconds";
    public const string TokenCacheSecondsKey = "Scim:Tokens:CacheSeconds";
    public const string TokenMissRefreshSecondsKey = "Scim:Tokens:MissRefreshSeconds";
    public const string OtlpEndpointKey = "Scim:Telemetry:OtlpEndpoint";
    public const string UnknownTenantCacheSecondsKey = "Scim:Tenants:UnknownCacheSeconds";
    public const string StorageRequestsPerRequestKey = "Scim:Limits:StorageRequestsPerRequest";
    public const string RequestSecondsKey = "Scim:Limits:RequestSeconds";
    public const string UnknownTenantLookupsPerSecondKey = "Scim:Limits:UnknownTenantLookupsPerSecond";
    public const string UnknownTenantLookupsPerAddressKey = "Scim:Limits:UnknownTenantLookupsPerAddress";

    /// <summary>Every setting these options are read from; the storage and Key Vault settings are their layers' (<see cref="ScimSettings"/>).</summary>
    public static IReadOnlyList<string> Settings { get; } =
    [
        AdminKeySha256Key, PublicBaseUrlKey, TrustForwardedHeadersKey, TenantCacheSecondsKey, TokenCacheSecondsKey, TokenMissRefreshSecondsKey,
        OtlpEndpointKey, UnknownTenantCacheSecondsKey, StorageRequestsPerRequestKey, RequestSecondsKey, UnknownTenantLookupsPerSecondKey,
        UnknownTenantLookupsPerAddressKey,
    ];

    /// <summary>SHA-256 (hex) of the operator key; null disables the operator API (every call is 401).</summary>
    public byte[]? AdminKeySha256 { get; init; }

    /// <summary>Public root URL (scheme, host, optional path) that <c>meta.location</c> is built on; null: from the request.</summary>
    public Uri? PublicBaseUrl { get; init; }

    /// <summary>Honour X-Forwarded-Proto/Host when building URLs (only behind a proxy that sets them).</summary>
    public bool TrustForwardedHeaders { get; init; }

    /// <summary>How long a tenant registry row is cached per process (suspension takes effect within this time on other instances).</summary>
    public TimeSpan TenantCacheTtl { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a tenant's token hashes are cached per process (revocation takes effect within this time).</summary>
    public TimeSpan TokenCacheTtl { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// A presented token unknown to the cached set re-reads the tenant's tokens at most once per this interval, so a
    /// token issued elsewhere works at once (within this long of the last read at worst).
    /// </summary>
    public TimeSpan TokenMissRefreshInterval { get; init; } = TokenVerifierOptions.Default.MissRefreshInterval;

    /// <summary>OTLP endpoint for traces and metrics; null: telemetry export off.</summary>
    public Uri? OtlpEndpoint { get; init; }

    /// <summary>How long "no such tenant" is cached per process (a tenant created elsewhere is usable here after at most this time).</summary>
    public TimeSpan UnknownTenantCacheTtl { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Storage requests one tenant request may cause (a whole bulk request included); more is 413.</summary>
    public int StorageRequestsPerRequest { get; init; } = 5_000;

    /// <summary>Time of storage work one tenant request may take; more is 413.</summary>
    public TimeSpan RequestTimeLimit { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Registry reads per second, instance-wide, for tenants not cached here (requests beyond it are 429 before any storage read).</summary>
    public double UnknownTenantLookupsPerSecond { get; init; } = 100;

    /// <summary>The same per remote address.</summary>
    public double UnknownTenantLookupsPerAddress { get; init; } = 20;

    /// <summary>Reads and checks the settings; a missing or malformed setting fails startup with a message naming it.</summary>
    public static ScimHttpOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new ScimHttpOptions
        {
            AdminKeySha256 = ParseSha256(configuration[AdminKeySha256Key]),
            PublicBaseUrl = ParseUrl(configuration[PublicBaseUrlKey], PublicBaseUrlKey),
            TrustForwardedHeaders = ParseBool(configuration[TrustForwardedHeadersKey], TrustForwardedHeadersKey),
            TenantCacheTtl = ParseSeconds(configuration[TenantCacheSecondsKey], TenantCacheSecondsKey, TimeSpan.FromSeconds(30)),
            TokenCacheTtl = ParseSeconds(configuration[TokenCacheSecondsKey], TokenCacheSecondsKey, TimeSpan.FromSeconds(60)),
            TokenMissRefreshInterval = ParseSeconds(configuration[TokenMissRefreshSecondsKey], TokenMissRefreshSecondsKey, TokenVerifierOptions.Default.MissRefreshInterval),
            OtlpEndpoint = ParseUrl(configuration[OtlpEndpointKey], OtlpEndpointKey),
            UnknownTenantCacheTtl = TimeSpan.FromSeconds(ParseNumber(configuration[UnknownTenantCacheSecondsKey], UnknownTenantCacheSecondsKey, 5, 0, 60)),
            StorageRequestsPerRequest = (int)ParseNumber(configuration[StorageRequestsPerRequestKey], StorageRequestsPerRequestKey, 5_000, 1, Ceilings.StorageRequestsPerRequest, integer: true),
            RequestTimeLimit = TimeSpan.FromSeconds(ParseNumber(configuration[RequestSecondsKey], RequestSecondsKey, 60, 1, Ceilings.RequestSeconds)),
            UnknownTenantLookupsPerSecond = ParseNumber(configuration[UnknownTenantLookupsPerSecondKey], UnknownTenantLookupsPerSecondKey, 100, 1, Ceilings.UnknownTenantLookupsPerSecond),
            UnknownTenantLookupsPerAddress = ParseNumber(configuration[UnknownTenantLookupsPerAddressKey], UnknownTenantLookupsPerAddressKey, 20, 1, Ceilings.UnknownTenantLookupsPerSecond),
        };
    }

    private static byte[]? ParseSha256(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            var bytes = Convert.FromHexString(text.Trim());
            if (bytes.Length == 32)
            {
                return bytes;
            }
        }
        catch (FormatException)
        {
        }

        throw new ScimConfigurationException($"Setting '{AdminKeySha256Key}' must be the SHA-256 of the operator key as 64 hex characters.");
    }

    private static Uri? ParseUrl(string? text, string key)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return Uri.TryCreate(text.Trim().TrimEnd('/'), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : throw new ScimConfigurationException($"Setting '{key}' must be an absolute http(s) URL.");
    }

    private static bool ParseBool(string? text, string key) =>
        string.IsNullOrWhiteSpace(text) ? false
        : bool.TryParse(text, out var value) ? value
        : throw new ScimConfigurationException($"Setting '{key}' must be true or false.");

    private static double ParseNumber(string? text, string key, double fallback, double min, double max, bool integer = false) =>
        string.IsNullOrWhiteSpace(text) ? fallback
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max && (!integer || value == Math.Floor(value)) ? value
        : throw new ScimConfigurationException(string.Create(CultureInfo.InvariantCulture, $"Setting '{key}' must be {(integer ? "a whole number" : "a number")} from {min} to {max}."));

    private static TimeSpan ParseSeconds(string? text, string key, TimeSpan fallback) =>
        string.IsNullOrWhiteSpace(text) ? fallback
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 && seconds <= 3600 ? TimeSpan.FromSeconds(seconds)
        : throw new ScimConfigurationException($"Setting '{key}' must be a number of seconds between 0 and 3600.");
}
