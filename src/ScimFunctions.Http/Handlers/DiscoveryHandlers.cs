using ScimFunctions.Core.Paging;
using ScimFunctions.Core.Schemas;
using ScimFunctions.Http.Tenancy;

namespace ScimFunctions.Http.Handlers;

/// <summary>
/// The tenant's discovery documents (RFC 7644 §4), truthful for that tenant: its bulk limits and availability, the
/// paging limits the list handlers apply, and its extension schemas. GET only (the fallback answers 405 otherwise).
/// </summary>
public static class DiscoveryHandlers
{
    public static Task ServiceProviderConfigAsync(ScimRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = request.Tenant;
        return ScimResponses.WriteJsonAsync(request.HttpContext, 200, DiscoveryDocuments.ServiceProviderConfig(Capabilities(tenant), tenant.BaseUrl));
    }

    public static Task ListResourceTypesAsync(ScimRequest request) =>
        WriteListAsync(request, tenant => tenant.Schemas.All.Select(type => DiscoveryDocuments.ResourceType(type, tenant.BaseUrl)));

    public static Task GetResourceTypeAsync(ScimRequest request) =>
        WriteOneAsync(
            request,
            "name",
            (tenant, name) => tenant.Schemas.All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase)) is { } type ? DiscoveryDocuments.ResourceType(type, tenant.BaseUrl) : null,
            name => $"No resource type is named '{name}'.");

    public static Task ListSchemasAsync(ScimRequest request) =>
        WriteListAsync(request, tenant => tenant.Schemas.AllSchemas.Select(schema => DiscoveryDocuments.Schema(schema, tenant.BaseUrl)));

    public static Task GetSchemaAsync(ScimRequest request) =>
        WriteOneAsync(
            request,
            "urn",
            (tenant, urn) => tenant.Schemas.AllSchemas.FirstOrDefault(s => string.Equals(s.Id, urn, StringComparison.OrdinalIgnoreCase)) is { } schema ? DiscoveryDocuments.Schema(schema, tenant.BaseUrl) : null,
            urn => $"No schema has the id '{urn}'.");

    /// <summary>What the tenant's endpoint does, from its policy and the limits the list handlers enforce.</summary>
    public static ServiceProviderCapabilities Capabilities(TenantContext tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var paging = PagingLimits.Default;
        return new ServiceProviderCapabilities
        {
            BulkSupported = tenant.Policy.BulkEnabled,
            BulkMaxOperations = tenant.Policy.BulkMaxOperations,
            BulkMaxPayloadSize = tenant.Policy.BulkMaxPayloadBytes,
            FilterMaxResults = paging.MaxCount,
            DefaultPageSize = paging.DefaultCount,
            MaxPageSize = paging.MaxCount,
        };
    }

    /// <summary>All of the tenant's documents of one kind as a ListResponse (discovery lists are not paged).</summary>
    private static Task WriteListAsync(ScimRequest request, Func<TenantContext, IEnumerable<JsonObject>> documents)
    {
        ArgumentNullException.ThrowIfNull(request);
        var list = documents(request.Tenant).ToList();
        return ScimResponses.WriteJsonAsync(request.HttpContext, 200, ListResponse.Build(list, list.Count, 1));
    }

    /// <summary>The tenant's document named by route value <paramref name="key"/> (matched case-insensitively); 404 when it has none.</summary>
    private static Task WriteOneAsync(ScimRequest request, string key, Func<TenantContext, string, JsonObject?> find, Func<string, string> notFound)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = request.RouteValue(key);
        var document = find(request.Tenant, name) ?? throw ScimException.NotFound(notFound(name));
        return ScimResponses.WriteJsonAsync(request.HttpContext, 200, document);
    }
}
