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
        var endpoints = await request.Service<WebhookAdministration>().ListAsync(request.Aborted);
        await OperatorJson.WriteAsync(request, 200, new JsonObject { ["webhooks"] = new JsonArray([.. endpoints.Select(e => (JsonNode)WebhookAdministration.Describe(e))]) });
    }

    public static async Task AddAsync(ScimRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = OperatorJson.Read<AddBody>(await request.ReadJsonAsync(), "webhook");
        var (endpoint, secret) = await request.Service<WebhookAdministration>().AddAsync(body.Url, body.Tenant, body.Events, OperatorAudit.Call(request), request.Aborted);
        await OperatorJson.WriteAsync(request, 201, WithSecret(endpoint, secret));
    }

    public static async Task RemoveAsync(ScimRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        await request.Service<WebhookAdministration>().RemoveAsync(request.RouteValue("webhookId"), OperatorAudit.Call(request), request.Aborted);
        request.HttpContext.Response.StatusCode = 204;
    }

    public static async Task RotateSecretAsync(ScimRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (endpoint, secret) = await request.Service<WebhookAdministration>().RotateSecretAsync(request.RouteValue("webhookId"), OperatorAudit.Call(request), request.Aborted);
        await OperatorJson.WriteAsync(request, 200, WithSecret(endpoint, secret));
    }

    /// <summary>Sends one signed <c>webhook.test</c> event now and answers what the endpoint did.</summary>
    public static async Task TestAsync(ScimRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (id, failure) = await request.Service<WebhookAdministration>().TestAsync(request.RouteValue("webhookId"), request.Aborted);
        await OperatorJson.WriteAsync(request, 200, new JsonObject { ["eventId"] = id, ["delivered"] = failure is null, ["error"] = failure });
    }

    /// <summary>Delivers the tenant's events again from an event id on (the endpoint's position moves back to just before it).</summary>
    public static async Task ReplayAsync(ScimRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = request.RouteValue("webhookId");
        var administration = request.Service<WebhookAdministration>();
        await administration.GetAsync(id, request.Aborted); // 404 before the body is judged
        var body = OperatorJson.Read<ReplayBody>(await request.ReadJsonAsync(), "replay");
        var tenant = await administration.ReplayAsync(id, body.Tenant, body.From, OperatorAudit.Call(request), request.Aborted);
        await OperatorJson.WriteAsync(request, 202, new JsonObject { ["webhookId"] = id, ["tenant"] = tenant.Value, ["from"] = body.From });
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

    private static JsonObject WithSecret(WebhookEndpoint endpoint, string secret)
    {
        var json = WebhookAdministration.Describe(endpoint);
        json["secret"] = secret;
        return json;
    }
}
