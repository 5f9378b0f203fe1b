using ScimFunctions.Storage.Caching;

namespace ScimFunctions.Http.RateLimiting;

/// <summary>
/// Limits the registry reads that requests for tenants not cached on this instance may cause, before any storage read:
/// one token bucket for the instance (<see cref="ScimHttpOptions.UnknownTenantLookupsPerSecond"/>) and one per remote
/// address (<see cref="ScimHttpOptions.UnknownTenantLookupsPerAddress"/>; the last X-Forwarded-For entry when
/// forwarded headers are trusted). Such a request is unauthenticated by nature (its token cannot be checked without
/// the tenant), so a flood of random tenant ids costs at most the instance rate in registry reads and is answered 429.
/// The per-address buckets live in a size-capped cache, so many addresses cannot grow memory.
/// </summary>
public sealed class UnknownTenantLimiter
{
    private const int MaxAddresses = 10_000;

    private readonly ScimHttpOptions _options;
    private readonly TimeProvider _time;
    private readonly TokenBucket _instance;
    private readonly BoundedCache<string, TokenBucket> _addresses;

    public UnknownTenantLimiter(ScimHttpOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = time;
        _instance = new TokenBucket(options.UnknownTenantLookupsPerSecond, time.GetTimestamp());
        _addresses = new BoundedCache<string, TokenBucket>(MaxAddresses, time, StringComparer.Ordinal);
    }

    /// <summary>Takes a token from the address's bucket and the instance's; false with the wait when either is empty.</summary>
    public bool TryAcquire(HttpRequest request, out TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(request);
        var bucket = _addresses.GetOrAdd(RemoteAddress(request), _ => new TokenBucket(_options.UnknownTenantLookupsPerAddress, _time.GetTimestamp()), TimeSpan.FromMinutes(1));
        return bucket.TryTake(_time, out retryAfter) && _instance.TryTake(_time, out retryAfter);
    }

    private string RemoteAddress(HttpRequest request)
    {
        if (_options.TrustForwardedHeaders && request.Headers["X-Forwarded-For"].ToString() is { Length: > 0 } forwarded)
        {
            var comma = forwarded.LastIndexOf(',');
            return (comma < 0 ? forwarded : forwarded[(comma + 1)..]).Trim();
        }

        return request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? string.Empty;
    }
}
