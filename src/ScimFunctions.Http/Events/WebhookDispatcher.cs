using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using ScimFunctions.Http.Tenancy;
using ScimFunctions.Storage.Abstractions;
using ScimFunctions.Storage.Events;

namespace ScimFunctions.Http.Events;

/// <summary>What one dispatch of a tenant left to do: nothing, a retry at a time, or work another instance holds.</summary>
public sealed record DispatchOutcome(DateTimeOffset? RetryAt, bool Busy)
{
    public static DispatchOutcome Done { get; } = new(null, false);

    public static DispatchOutcome Combine(IEnumerable<DispatchOutcome> outcomes)
    {
        DateTimeOffset? retry = null;
        var busy = false;
        foreach (var outcome in outcomes)
        {
            busy |= outcome.Busy;
            if (outcome.RetryAt is { } at && (retry is null || at < retry))
            {
                retry = at;
            }
        }

        return new DispatchOutcome(retry, busy);
    }
}

/// <summary>
/// Delivers a tenant's change feed to every endpoint that covers it, each endpoint on its own from the position stored
/// for it and the tenant: the position row is leased with its ETag (so two instances never deliver the same endpoint
/// and tenant at once), events are sent one at a time in feed order, and the position moves only past changes whose
/// every event the endpoint acknowledged (2xx). A failure stops that endpoint and tenant until its retry time
/// (exponential backoff with jitter); other endpoints and other tenants are not held up.
/// </summary>
public sealed class WebhookDispatcher(
    WebhookStore webhooks,
    IWebhookSecretStore secrets,
    ITenantRegistry registry,
    ITenantStoreProvider stores,
    HttpClient http,
    EventOptions options,
    ScimHttpOptions httpOptions,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger)
{
    private readonly string _baseUrl = BaseUrlOf(httpOptions);

    private static string BaseUrlOf(ScimHttpOptions httpOptions)
    {
        ArgumentNullException.ThrowIfNull(httpOptions);
        return httpOptions.PublicBaseUrl is { } root ? root.AbsoluteUri.TrimEnd('/') : string.Empty;
    }

    /// <summary>Deliveries attempted by this instance (tests and the load tool read it).</summary>
    public long Attempts => Interlocked.Read(ref _attempts);

    private long _attempts;

    /// <summary>Delivers what is due for <paramref name="tenant"/> to every endpoint covering it, endpoints in parallel.</summary>
    public async Task<DispatchOutcome> DispatchAsync(TenantId tenant, CancellationToken cancellationToken = default) =>
        await DispatchAsync(tenant, await webhooks.ListAsync(cancellationToken), cancellationToken);

    /// <summary>Same, with the endpoint list already read (the sweeper reads it once for every tenant).</summary>
    public async Task<DispatchOutcome> DispatchAsync(TenantId tenant, IReadOnlyList<WebhookEndpoint> all, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(all);
        var endpoints = all.Where(e => e.Covers(tenant)).ToList();
        if (endpoints.Count == 0)
        {
            return DispatchOutcome.Done;
        }

        var record = await registry.GetAsync(tenant, cancellationToken);
        if (record is null)
        {
            return DispatchOutcome.Done;
        }

        var cached = new CachedTenant(record);
        var context = new TenantContext(record, cached.Schemas, _baseUrl + "/" + Routing.ScimRoutes.TokenBase + "/" + tenant.Value, string.Empty);
        var store = stores.GetStore(record);
        var outcomes = await Task.WhenAll(endpoints.Select(endpoint => DeliverAsync(endpoint, context, store, cancellationToken)));
        return DispatchOutcome.Combine(outcomes);
    }

    /// <summary>Moves the endpoint's position in the tenant's feed back to just before <paramref name="eventId"/> (replay).</summary>
    public async Task<bool> ReplayAsync(WebhookEndpoint endpoint, TenantId tenant, string eventId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var before = EventIds.PositionBefore(eventId) ?? throw Core.Errors.ScimException.InvalidValue("'from' must be an event id (evt_…).");
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var position = await webhooks.GetPositionAsync(endpoint, tenant, cancellationToken);
            var saved = await webhooks.TrySaveAsync(
                position with { ChangeRecordPosition = before, Attempts = 0, FirstFailure = null, NextAttempt = null, LeaseUntil = null, LeaseOwner = null, LateSent = [], LookedBackAt = null },
                cancellationToken);
            if (saved is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Sends one signed request (the operator's <c>webhook test</c> and every delivery); returns null on 2xx, else why not.</summary>
    public async Task<string?> SendAsync(WebhookEndpoint endpoint, string secret, WebhookEvent webhookEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(webhookEvent);
        Interlocked.Increment(ref _attempts);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
        {
            Content = new StringContent(webhookEvent.Body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.TryAddWithoutValidation(WebhookSignature.IdHeader, webhookEvent.Id);
        request.Headers.TryAddWithoutValidation(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, webhookEvent.Id, timestamp, webhookEvent.Body));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.DeliveryTimeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return response.IsSuccessStatusCode ? null : "HTTP " + ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "timeout";
        }
        catch (HttpRequestException failure)
        {
            return failure.InnerException is WebhookRefusedException ? "refused: the host resolves to no public address" : "connection failed";
        }
    }

    private async Task<DispatchOutcome> DeliverAsync(WebhookEndpoint endpoint, TenantContext tenant, ITenantScimStore store, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var position = await webhooks.GetPositionAsync(endpoint, tenant.Id, cancellationToken);
        if (position.NextAttempt is { } next && next > now)
        {
            return new DispatchOutcome(next, false);
        }

        // The lease is per delivery run, not per process: two wake-ups of one tenant handled at once by one process
        // exclude each other like two processes do.
        if (position.LeaseUntil is { } until && until > now)
        {
            return new DispatchOutcome(null, true);
        }

        // Nothing new (the sweeper's usual case): one position read and one feed query, no lease written; while the
        // position is younger than the late-commit window, also one window query and position write per look-back interval.
        var lookBack = LookBackDue(position, now);
        var late = lookBack ? await ReadUnsentLateAsync(store, position, cancellationToken) : [];
        var changes = await store.ReadChangesAfterAsync(position.ChangeRecordPosition, options.PageSize, cancellationToken);
        if (late.Count == 0 && changes.Count == 0)
        {
            if (lookBack)
            {
                await webhooks.TrySaveAsync(LookedBack(position, now), cancellationToken); // lost to another writer: it looks again
            }

            return DispatchOutcome.Done;
        }

        var owner = Guid.NewGuid().ToString("N");
        var leased = await webhooks.TrySaveAsync(position with { LeaseUntil = now + options.LeaseTime, LeaseOwner = owner }, cancellationToken);
        if (leased is null)
        {
            return new DispatchOutcome(null, true);
        }

        var secret = await secrets.GetAsync(endpoint.Id, cancellationToken);
        if (secret is null)
        {
            await webhooks.TrySaveAsync(leased with { LeaseUntil = null, LeaseOwner = null }, cancellationToken);
            return DispatchOutcome.Done;
        }

        var delivered = false;
        string? failure = null;

        // Changes committed after the position had passed them go first (they committed before the changes still ahead).
        foreach (var change in late)
        {
            (failure, var sent) = await SendChangeAsync(endpoint, secret, tenant, store, change, cancellationToken);
            delivered |= sent;
            if (failure is not null)
            {
                return await FailAsync(endpoint, tenant.Id, leased, leased.ChangeRecordPosition, failure, cancellationToken);
            }

            leased = Remember(leased, change);
        }

        if (lookBack)
        {
            leased = await webhooks.TrySaveAsync(late.Count < options.PageSize ? LookedBack(leased, now) : leased, cancellationToken);
            if (leased is null)
            {
                return new DispatchOutcome(null, true);
            }
        }

        while (true)
        {
            var done = leased.ChangeRecordPosition;
            foreach (var change in changes)
            {
                (failure, var sent) = await SendChangeAsync(endpoint, secret, tenant, store, change, cancellationToken);
                delivered |= sent;
                if (failure is not null)
                {
                    break;
                }

                done = change.Position;
                leased = Remember(leased, change);
                if (leased.LeaseUntil - time.GetUtcNow() < options.DeliveryTimeout * 3)
                {
                    leased = await webhooks.TrySaveAsync(Progress(leased, done), cancellationToken);
                    if (leased is null)
                    {
                        return new DispatchOutcome(null, true);
                    }
                }
            }

            if (failure is not null)
            {
                return await FailAsync(endpoint, tenant.Id, leased, done, failure, cancellationToken);
            }

            if (delivered && endpoint.FailingSince is not null)
            {
                await webhooks.SetFailingAsync(endpoint.Id, null, null, cancellationToken);
                endpoint = endpoint with { FailingSince = null };
            }

            var last = changes.Count < options.PageSize;
            var saved = await webhooks.TrySaveAsync(last ? Progress(leased, done) with { LeaseUntil = null, LeaseOwner = null } : Progress(leased, done), cancellationToken);
            if (saved is null)
            {
                return new DispatchOutcome(null, true);
            }

            if (last)
            {
                return DispatchOutcome.Done;
            }

            leased = saved;
            changes = await store.ReadChangesAfterAsync(leased.ChangeRecordPosition, options.PageSize, cancellationToken);
        }
    }

    /// <summary>Sends every event of <paramref name="change"/> the endpoint wants; the first failure, and whether any was acknowledged.</summary>
    private async Task<(string? Failure, bool Sent)> SendChangeAsync(WebhookEndpoint endpoint, string secret, TenantContext tenant, ITenantScimStore store, ChangeRecord change, CancellationToken cancellationToken)
    {
        var sent = false;
        foreach (var webhookEvent in await WebhookEvents.BuildAsync(tenant, store, change, endpoint.Wants, cancellationToken))
        {
            if (await SendAsync(endpoint, secret, webhookEvent, cancellationToken) is { } failure)
            {
                return (failure, sent);
            }

            sent = true;
        }

        return (null, sent);
    }

    /// <summary>
    /// Whether this run re-reads the window behind the position: never before anything was delivered (no position row:
    /// nothing has been passed), not within the look-back interval of the last time, and not once a look-back ran later
    /// than the position plus the window (every change behind it had committed by then).
    /// </summary>
    private bool LookBackDue(WebhookPosition position, DateTimeOffset now)
    {
        if (position.ETag == default)
        {
            return false;
        }

        if (position.LookedBackAt is not { } at)
        {
            return true;
        }

        var passed = new DateTimeOffset(EventIds.TicksOf(position.ChangeRecordPosition), TimeSpan.Zero);
        return at <= passed + options.LateCommitWindow + options.LookBackInterval && now - at >= options.LookBackInterval;
    }

    /// <summary>The late-committed changes in the window behind the position that were not delivered yet.</summary>
    private async Task<IReadOnlyList<ChangeRecord>> ReadUnsentLateAsync(ITenantScimStore store, WebhookPosition position, CancellationToken cancellationToken)
    {
        var from = EventIds.PositionAt(EventIds.TicksOf(position.ChangeRecordPosition) - options.LateCommitWindow.Ticks);
        var late = await store.ReadLateChangesAsync(from, position.ChangeRecordPosition, position.LateSent.Count + options.PageSize, cancellationToken);
        return [.. late.Where(change => !position.LateSent.Contains(change.Position, StringComparer.Ordinal)).Take(options.PageSize)];
    }

    /// <summary>Remembers a delivered change committed late, so the window re-read does not send it again.</summary>
    private WebhookPosition Remember(WebhookPosition position, ChangeRecord change) =>
        change.CommittedLate ? position with { LateSent = [.. position.LateSent.Append(change.Position).TakeLast(options.MaxLateSent)] } : position;

    /// <summary>Records a complete window re-read and forgets the remembered positions that left the window.</summary>
    private WebhookPosition LookedBack(WebhookPosition position, DateTimeOffset now)
    {
        var oldest = EventIds.TicksOf(position.ChangeRecordPosition) - options.LateCommitWindow.Ticks;
        return position with { LookedBackAt = now, LateSent = [.. position.LateSent.Where(sent => EventIds.TicksOf(sent) > oldest)] };
    }

    private WebhookPosition Progress(WebhookPosition leased, string done) =>
        leased with { ChangeRecordPosition = done, Attempts = 0, FirstFailure = null, NextAttempt = null, LeaseUntil = time.GetUtcNow() + options.LeaseTime };

    private async Task<DispatchOutcome> FailAsync(WebhookEndpoint endpoint, TenantId tenant, WebhookPosition leased, string done, string failure, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var moved = done != leased.ChangeRecordPosition;
        var attempts = moved ? 1 : leased.Attempts + 1;
        var first = moved ? now : leased.FirstFailure ?? now;
        var retryAt = now + RetryDelay(attempts);
        logger.LogWarning("Webhook {Endpoint} failed for tenant {Tenant} (attempt {Attempt}): {Failure}; retry at {RetryAt:O}", endpoint.Id, tenant.Value, attempts, failure, retryAt);
        await webhooks.TrySaveAsync(
            leased with { ChangeRecordPosition = done, Attempts = attempts, FirstFailure = first, NextAttempt = retryAt, LeaseUntil = null, LeaseOwner = null },
            cancellationToken);
        if (now - first >= options.FailingAfter && endpoint.FailingSince is null)
        {
            await webhooks.SetFailingAsync(endpoint.Id, now, failure, cancellationToken);
        }

        return new DispatchOutcome(retryAt, false);
    }

    /// <summary>The delay before attempt <paramref name="attempts"/> + 1: first × 2^(n−1), capped, times a random 0.5–1.</summary>
    public TimeSpan RetryDelay(int attempts)
    {
        var exponential = options.FirstRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempts - 1, 30));
        var capped = Math.Min(exponential, options.MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + (Random.Shared.NextDouble() / 2)));
    }
}
