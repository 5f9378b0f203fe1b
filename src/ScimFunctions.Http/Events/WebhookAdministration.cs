using ScimFunctions.Storage.Abstractions;
using ScimFunctions.Storage.Audit;
using ScimFunctions.Storage.Events;
using ScimFunctions.Storage.Tenants;

namespace ScimFunctions.Http.Events;

/// <summary>A webhook endpoint with its delivery positions (one per tenant it has delivered to).</summary>
public sealed record WebhookStatus(WebhookEndpoint Endpoint, IReadOnlyList<WebhookPosition> Positions);

/// <summary>
/// The operator's webhook use cases — add, list, remove, rotate the secret, test, replay — as the operator API and
/// scimctl both run them. Add, remove, rotate and replay are written ahead to the operator audit log: the endpoint's
/// tenant's log, or the stamp's log for a stamp-wide endpoint. A secret is returned once and stored only in
/// <see cref="IWebhookSecretStore"/>; it never reaches the audit log.
/// </summary>
public sealed class WebhookAdministration(
    WebhookStore webhooks,
    IWebhookSecretStore secrets,
    WebhookUrls urls,
    WebhookDispatcher dispatcher,
    ITenantRegistry registry,
    OperatorAuditLog audit,
    TimeProvider time,
    EventQueue? queue = null)
{
    public async Task<(WebhookEndpoint Endpoint, string Secret)> AddAsync(string? url, TenantId? tenant, IReadOnlyList<string>? events, OperatorCall call, CancellationToken cancellationToken = default)
    {
        var checkedUrl = await urls.ValidateAsync(url, cancellationToken);
        var filter = Filter(events);
        if (tenant is { } one && await registry.GetAsync(one, cancellationToken) is null)
        {
            throw ScimException.NotFound("No tenant has this id.");
        }

        var endpoint = new WebhookEndpoint(WebhookStore.NewEndpointId(), checkedUrl, tenant, filter, time.GetUtcNow());
        var secret = WebhookSignature.NewSecret();
        await RecordAsync(endpoint, AuditActions.WebhookAdd, call, async () =>
        {
            await secrets.SetAsync(endpoint.Id, secret, cancellationToken);
            await webhooks.AddAsync(endpoint, cancellationToken);
            return true;
        }, cancellationToken);
        return (endpoint, secret);
    }

    public async Task<IReadOnlyList<WebhookStatus>> ListAsync(CancellationToken cancellationToken = default)
    {
        var list = new List<WebhookStatus>();
        foreach (var endpoint in await webhooks.ListAsync(cancellationToken))
        {
            list.Add(new WebhookStatus(endpoint, await webhooks.ListPositionsAsync(endpoint.Id, cancellationToken)));
        }

        return list;
    }

    /// <summary>The endpoint; 404 when there is none with this id.</summary>
    public async Task<WebhookEndpoint> GetAsync(string? id, CancellationToken cancellationToken = default) =>
        await webhooks.GetAsync(id ?? string.Empty, cancellationToken) ?? throw ScimException.NotFound("No webhook has this id.");

    /// <summary>Removes the endpoint, its positions and its secret.</summary>
    public async Task RemoveAsync(string? id, OperatorCall call, CancellationToken cancellationToken = default)
    {
        var endpoint = await GetAsync(id, cancellationToken);
        await RecordAsync(endpoint, AuditActions.WebhookRemove, call, async () =>
        {
            if (!await webhooks.RemoveAsync(endpoint.Id, cancellationToken))
            {
                throw ScimException.NotFound("No webhook has this id.");
            }

            await secrets.DeleteAsync(endpoint.Id, cancellationToken);
            return true;
        }, cancellationToken);
    }

    /// <summary>A new secret (returned once); the old one stops signing at once.</summary>
    public async Task<(WebhookEndpoint Endpoint, string Secret)> RotateSecretAsync(string? id, OperatorCall call, CancellationToken cancellationToken = default)
    {
        var endpoint = await GetAsync(id, cancellationToken);
        var secret = WebhookSignature.NewSecret();
        await RecordAsync(endpoint, AuditActions.WebhookRotateSecret, call, async () =>
        {
            await secrets.SetAsync(endpoint.Id, secret, cancellationToken);
            return true;
        }, cancellationToken);
        return (endpoint, secret);
    }

    /// <summary>Sends one signed <c>webhook.test</c> event now; its id and why it failed (null: delivered).</summary>
    public async Task<(string EventId, string? Failure)> TestAsync(string? id, CancellationToken cancellationToken = default)
    {
        var endpoint = await GetAsync(id, cancellationToken);
        var secret = await secrets.GetAsync(endpoint.Id, cancellationToken) ?? throw ScimException.NotFound("The webhook has no secret; rotate it.");
        var eventId = "evt_test_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
        var body = new JsonObject
        {
            ["id"] = eventId,
            ["type"] = "webhook.test",
            ["timestamp"] = time.GetUtcNow().UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["data"] = new JsonObject { ["webhookId"] = endpoint.Id },
        };
        return (eventId, await dispatcher.SendAsync(endpoint, secret, new WebhookEvent(eventId, "webhook.test", body.ToJsonString()), cancellationToken));
    }

    /// <summary>Delivers the tenant's events again from <paramref name="from"/> on; the tenant may be left out for a one-tenant endpoint.</summary>
    public async Task<TenantId> ReplayAsync(string? id, TenantId? tenant, string? from, OperatorCall call, CancellationToken cancellationToken = default)
    {
        var endpoint = await GetAsync(id, cancellationToken);
        var replayed = tenant ?? endpoint.Tenant ?? throw ScimException.InvalidValue("'tenant' is required for a stamp-wide webhook.");
        if (!endpoint.Covers(replayed))
        {
            throw ScimException.InvalidValue("The webhook does not cover this tenant.");
        }

        if (EventIds.PositionBefore(from) is null)
        {
            throw ScimException.InvalidValue("'from' must be an event id (evt_…).");
        }

        await audit.RecordAsync(replayed, AuditActions.WebhookReplay, call.Actor, $"webhookId={endpoint.Id} from={from}", call.RequestId, async () =>
        {
            if (!await dispatcher.ReplayAsync(endpoint, replayed, from!, cancellationToken))
            {
                throw new ScimException(409, null, "The delivery position changed while it was being moved; retry.");
            }

            return true;
        }, cancellationToken: cancellationToken);
        if (queue is not null)
        {
            await queue.WakeAsync(replayed, TimeSpan.Zero, cancellationToken);
        }

        return replayed;
    }

    /// <summary>The endpoint as the operator API and <c>scimctl webhook … --json</c> show it (never its secret).</summary>
    public static JsonObject Describe(WebhookEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return new()
        {
            ["id"] = endpoint.Id,
            ["url"] = endpoint.Url.AbsoluteUri,
            ["tenant"] = endpoint.Tenant?.Value,
            ["events"] = new JsonArray([.. (endpoint.Events.Count == 0 ? ["*"] : endpoint.Events).Select(e => (JsonNode?)JsonValue.Create(e))]),
            ["created"] = endpoint.Created,
            ["status"] = endpoint.FailingSince is null ? "active" : "failing",
            ["failingSince"] = endpoint.FailingSince,
            ["lastError"] = endpoint.LastError,
        };
    }

    /// <summary>An endpoint with its per-tenant deliveries (<c>GET /operator/webhooks</c>, <c>scimctl webhook list --json</c>).</summary>
    public static JsonObject Describe(WebhookStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var json = Describe(status.Endpoint);
        json["deliveries"] = new JsonArray([.. status.Positions.Select(p => (JsonNode)new JsonObject
        {
            ["tenant"] = p.Tenant.Value,
            ["lastEventId"] = p.ChangeRecordPosition.Count(c => c == '|') == 2 && !p.ChangeRecordPosition.EndsWith('|') ? EventIds.FromPosition(p.ChangeRecordPosition, 0) : null,
            ["failedAttempts"] = p.Attempts,
            ["failingSince"] = p.FirstFailure,
            ["nextAttempt"] = p.NextAttempt,
        })]);
        return json;
    }

    private Task<bool> RecordAsync(WebhookEndpoint endpoint, string action, OperatorCall call, Func<Task<bool>> act, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var detail = $"webhookId={endpoint.Id} url={endpoint.Url.GetLeftPart(UriPartial.Path)}";
        return endpoint.Tenant is { } tenant
            ? audit.RecordAsync(tenant, action, call.Actor, detail, call.RequestId, act, cancellationToken: cancellationToken)
            : audit.RecordStampAsync(action, call.Actor, detail, call.RequestId, act, cancellationToken);
    }

    /// <summary>The event filter: <c>*</c>, event types, or prefixes ending in <c>.*</c> that match at least one type.</summary>
    private static List<string> Filter(IReadOnlyList<string>? events)
    {
        var patterns = (events ?? []).SelectMany(e => e.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var pattern in patterns)
        {
            var probe = new WebhookEndpoint("wh", new Uri("https://example.invalid/"), null, [pattern], DateTimeOffset.MinValue);
            if (!WebhookEvents.Types.Any(probe.Wants))
            {
                throw ScimException.InvalidValue($"'events' has an entry that matches no event type; the types are {string.Join(", ", WebhookEvents.Types)}.");
            }
        }

        return patterns.Contains("*") ? [] : patterns;
    }
}
