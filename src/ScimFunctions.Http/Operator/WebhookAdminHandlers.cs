using ScimFunctions.Core.Resources;
using ScimFunctions.Http.Events;
using ScimFunctions.Http.Handlers;
using ScimFunctions.Http.Tenancy;
using ScimFunctions.Storage.Abstractions;
using ScimFunctions.Storage.Events;

namespace ScimFunctions.Http.Operator;

/// <summary>
/// Operator API: webhook endpoints (docs/events.md) and a tenant's resources read without its SCIM token. Adding an
/// endpoint or rotating its secret answers the secret once; it is stored in Key Vault (Azure) or the token table
/// (locally), never in the registry, never logged.
/// </summary>
public static class WebhookAdminHandlers
{
    /// <summary>Body of POST /operator/webhooks.</summary>
    public sealed record AddBody(string? Url = null, TenantId? Tenant = null, IReadOnlyList<string>? Events = null);

    /// <summary>Body of POST /operator/webhooks/{id}/replay: the tenant whose feed is replayed and the first event id to deliver again.</summary>
    public sealed record ReplayBody(TenantId? Tenant = null, string? From = null);

    public static async Task ListAsync(ScimRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var store = request.Service<WebhookStore>();
        var endpoints = new JsonArray();
        foreach (var endpoint in await store.ListAsync(request.Aborted))
        {
            var json = Describe(endpoint);
            json["deliveries"] = new JsonArray([.. (await store.ListPositionsAsync(endpoint.Id, request.Aborted)).Select(p => (JsonNode)new JsonObject
            {
                ["tenant"] = p.Tenant.Value,
                ["lastEventId"] = p.ChangeRecordPosition.Count(c => c == '|') == 2 && !p.ChangeRecordPosition.EndsWith('|') ? EventIds.FromPosition(p.ChangeRecordPosition, 0) : null,
                ["failedAttempts"] = p.Attempts,
                ["failingSince"] = p.FirstFailure,
                ["nextAttempt"] = p.NextAttempt,
            })]);
            endpoints.Add(json);
        }

        await OperatorJson.WriteAsync(request, 200, new JsonObject { ["webhooks"] = endpoints });
    }

    public static async Task AddAsync(ScimRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = OperatorJson.Read<AddBody>(await request.ReadJsonAsync(), "webhook");
        var url = await request.Service<WebhookUrls>().ValidateAsync(body.Url, request.Aborted);
        var events = Filter(body.Events);
        if (body.Tenant is { } tenant && await request.Service<Storage.Abstractions.ITenantRegistry>().GetAsync(tenant, request.Aborted) is null)
        {
            throw ScimException.NotFound("No tenant has this id.");
        }

        var endpoint = new WebhookEndpoint(WebhookStore.NewEndpointId(), url, body.Tenant, events, request.Service<TimeProvider>().GetUtcNow());
        var secret = WebhookSignature.NewSecret();
        await request.Service<IWebhookSecretStore>().SetAsync(endpoint.Id, secret, request.Aborted);
        await request.Service<WebhookStore>().AddAsync(endpoint, request.Aborted);
        var json = Describe(endpoint);
        json["secret"] = secret;
        await OperatorJson.WriteAsync(request, 201, json);
    }

    public static async Task RemoveAsync(ScimRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = request.RouteValue("webhookId");
        if (!await request.Service<WebhookStore>().RemoveAsync(id, request.Aborted))
        {
            throw ScimException.NotFound("No webhook has this id.");
        }

        await request.Service<IWebhookSecretStore>().DeleteAsync(id, request.Aborted);
        request.HttpContext.Response.StatusCode = 204;
    }

    public static async Task RotateSecretAsync(ScimRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var endpoint = await LoadAsync(request);
        var secret = WebhookSignature.NewSecret();
        await request.Service<IWebhookSecretStore>().SetAsync(endpoint.Id, secret, request.Aborted);
        var json = Describe(endpoint);
        json["secret"] = secret;
        await OperatorJson.WriteAsync(request, 200, json);
    }

    /// <summary>Sends one signed <c>webhook.test</c> event now and answers what the endpoint did.</summary>
    public static async Task TestAsync(ScimRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var endpoint = await LoadAsync(request);
        var secret = await request.Service<IWebhookSecretStore>().GetAsync(endpoint.Id, request.Aborted) ?? throw ScimException.NotFound("The webhook has no secret; rotate it.");
        var id = "evt_test_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
        var body = new JsonObject
        {
            ["id"] = id,
            ["type"] = "webhook.test",
            ["timestamp"] = request.Service<TimeProvider>().GetUtcNow().UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["data"] = new JsonObject { ["webhookId"] = endpoint.Id },
        };
        var failure = await request.Service<WebhookDispatcher>().SendAsync(endpoint, secret, new WebhookEvent(id, "webhook.test", body.ToJsonString()), request.Aborted);
        await OperatorJson.WriteAsync(request, 200, new JsonObject { ["eventId"] = id, ["delivered"] = failure is null, ["error"] = failure });
    }

    /// <summary>Delivers the tenant's events again from an event id on (the endpoint's position moves back to just before it).</summary>
    public static async Task ReplayAsync(ScimRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var endpoint = await LoadAsync(request);
        var body = OperatorJson.Read<ReplayBody>(await request.ReadJsonAsync(), "replay");
        var tenant = body.Tenant ?? endpoint.Tenant ?? throw ScimException.InvalidValue("'tenant' is required for a stamp-wide webhook.");
        if (!endpoint.Covers(tenant))
        {
            throw ScimException.InvalidValue("The webhook does not cover this tenant.");
        }

        if (!await request.Service<WebhookDispatcher>().ReplayAsync(endpoint, tenant, body.From ?? string.Empty, request.Aborted))
        {
            throw new ScimException(409, null, "The delivery position changed while it was being moved; retry.");
        }

        if (request.Services.GetService(typeof(EventQueue)) is EventQueue queue)
        {
            await queue.WakeAsync(tenant, TimeSpan.Zero, request.Aborted);
        }
        await OperatorJson.WriteAsync(request, 202, new JsonObject { ["webhookId"] = endpoint.Id, ["tenant"] = tenant.Value, ["from"] = body.From });
    }

    /// <summary>GET /operator/tenants/{t}/Users/{id} and Groups/{id}: the resource as the tenant's GET shows it.</summary>
    public static Task GetUserAsync(ScimRequest request) => GetResourceAsync(request, ResourceKind.User);

    public static Task GetGroupAsync(ScimRequest request) => GetResourceAsync(request, ResourceKind.Group);

    private static async Task GetResourceAsync(ScimRequest request, ResourceKind kind)
    {
        ArgumentNullException.ThrowIfNull(request);
        var record = await TenantAdminHandlers.LoadAsync(request);
        var tenant = new TenantContext(record, new CachedTenant(record).Schemas, request.Service<BaseUrls>().Tenant(request.HttpContext.Request, record.Id), string.Empty);
        var type = tenant.ResourceType(kind);
        var selection = AttributeSelection.Parse(request.Query("attributes"), request.Query("excludedAttributes"), type);
        var store = request.Service<ITenantStoreProvider>().GetStore(record);
        var stored = await store.GetAsync(type, request.RouteValue("id"), selection, request.Aborted) ?? throw ScimException.NotFound($"{type.Name} not found.");
        await ScimResponses.WriteJsonAsync(request.HttpContext, 200, ResourceRenderer.Render(tenant, type, stored, selection), stored.Version);
    }

    private static async Task<WebhookEndpoint> LoadAsync(ScimRequest request) =>
        await request.Service<WebhookStore>().GetAsync(request.RouteValue("webhookId"), request.Aborted) ?? throw ScimException.NotFound("No webhook has this id.");

    private static JsonObject Describe(WebhookEndpoint endpoint) => new()
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
