namespace ScimFunctions.LoadTool.Running;

/// <summary>How an identity provider retries a transient failure: honour Retry-After (capped), else a fixed pause.</summary>
internal sealed record RetryPolicy(int MaxAttempts, TimeSpan DefaultDelay, TimeSpan MaxDelay)
{
    public static RetryPolicy Default { get; } = new(MaxAttempts: 8, DefaultDelay: TimeSpan.FromSeconds(1), MaxDelay: TimeSpan.FromSeconds(5));

    public static RetryPolicy None { get; } = new(MaxAttempts: 1, DefaultDelay: TimeSpan.Zero, MaxDelay: TimeSpan.Zero);

    public TimeSpan DelayFor(TimeSpan? retryAfter) =>
        retryAfter is { } hint && hint > TimeSpan.Zero ? (hint < MaxDelay ? hint : MaxDelay) : DefaultDelay;
}
