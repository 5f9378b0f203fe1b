using System.Collections.Concurrent;

namespace ScimFunctions.Http.RateLimiting;

/// <summary>
/// Per-tenant token buckets: a tenant may send <c>RequestsPerSecond</c> on average with bursts of one second's worth.
/// Per process (each Function App instance limits on its own; the platform scales instances out).
/// </summary>
public sealed class TenantRateLimiter
{
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<TenantId, TokenBucket> _buckets = new();

    public TenantRateLimiter(TimeProvider time) => _time = time;

    /// <summary>Takes one token; false with the time until the next token when the tenant is over its rate.</summary>
    public bool TryAcquire(TenantId tenant, double requestsPerSecond, out TimeSpan retryAfter)
    {
        if (requestsPerSecond <= 0 || double.IsPositiveInfinity(requestsPerSecond))
        {
            retryAfter = TimeSpan.Zero;
            return true;
        }

        var bucket = _buckets.AddOrUpdate(
            tenant,
            _ => new TokenBucket(requestsPerSecond, _time.GetTimestamp()),
            (_, existing) => existing.Rate == requestsPerSecond ? existing : new TokenBucket(requestsPerSecond, _time.GetTimestamp()));
        return bucket.TryTake(_time, out retryAfter);
    }
}
