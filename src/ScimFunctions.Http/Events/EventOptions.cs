namespace ScimFunctions.Http.Events;

/// <summary>Settings of event delivery (docs/events.md). Tests shorten the times.</summary>
public sealed class EventOptions
{
    public const string QueueEndpointKey = "Scim:Events:QueueEndpoint";
    public const string QueueNameKey = "Scim:Events:Queue";
    public const string DefaultQueueName = "scim-events";

    /// <summary>The settings event delivery reads (listed in <see cref="ScimSettings.All"/>).</summary>
    public static IReadOnlyList<string> Settings { get; } = [QueueEndpointKey, QueueNameKey];

    /// <summary>The wake-up queue (one message: one tenant whose feed has news).</summary>
    public string QueueName { get; set; } = DefaultQueueName;

    /// <summary>How long an instance holds an endpoint and tenant while it delivers (renewed as it goes).</summary>
    public TimeSpan LeaseTime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Timeout of one delivery.</summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The first retry delay; it doubles per failed attempt (with jitter) up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long an endpoint fails continuously before it is marked failing (retries go on at the maximum delay).</summary>
    public TimeSpan FailingAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Change rows read per page; the position is saved (and the lease renewed) after each page.</summary>
    public int PageSize { get; set; } = 10;

    /// <summary>
    /// How far behind its position the dispatcher re-reads the feed for changes committed late (after it had passed
    /// their position); a change committed later than this after its position is not delivered. Far above the longest
    /// write (storage retries: 4 × 30 s).
    /// </summary>
    public TimeSpan LateCommitWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often, at most, an endpoint and tenant re-reads that window (only while its position is younger than the window).</summary>
    public TimeSpan LookBackInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Most late-committed change positions remembered per endpoint and tenant (older ones may be sent again).</summary>
    public int MaxLateSent { get; set; } = 500;

    /// <summary>How often the sweeper wakes every tenant that has endpoints (catching lost wake-ups) and trims old change rows.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Most change rows the sweeper deletes per tenant per sweep.</summary>
    public int TrimBatch { get; set; } = 500;

    /// <summary>Policies run for every attempt of a queue request (the load tool counts queue requests with one).</summary>
    public IList<Azure.Core.Pipeline.HttpPipelinePolicy> QueuePolicies { get; } = [];

    /// <summary>Whether this process runs the dispatcher itself (the local host); the Function App has queue and timer functions.</summary>
    public bool RunDispatcher { get; set; }
}
