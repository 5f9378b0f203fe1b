namespace ScimFunctions.Http.RateLimiting;

/// <summary>A token bucket: <see cref="Rate"/> tokens a second, holding at most one second's worth (at least one).</summary>
internal sealed class TokenBucket(double rate, long timestamp)
{
    private readonly Lock _gate = new();
    private readonly double _capacity = Math.Max(1, rate);
    private double _tokens = Math.Max(1, rate);
    private long _last = timestamp;

    public double Rate { get; } = rate;

    /// <summary>Takes one token; false with the time until the next one.</summary>
    public bool TryTake(TimeProvider time, out TimeSpan retryAfter)
    {
        lock (_gate)
        {
            var now = time.GetTimestamp();
            _tokens = Math.Min(_capacity, _tokens + (time.GetElapsedTime(_last, now).TotalSeconds * Rate));
            _last = now;
            if (_tokens >= 1)
            {
                _tokens -= 1;
                retryAfter = TimeSpan.Zero;
                return true;
            }

            retryAfter = TimeSpan.FromSeconds((1 - _tokens) / Rate);
            return false;
        }
    }
}
