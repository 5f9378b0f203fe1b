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

    public static Task ListResourceTypesAsync(ScimRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = request.Tenant;
        var documents = tenant.Schemas.All.Select(type => DiscoveryDocuments.ResourceType(type, tenant.BaseUrl)).ToList();
        return ScimResponses.WriteJsonAsync(request.HttpContext, 200, ListResponse.Build(documents, documents.Count, 1));
    }

    public static Task GetResourceTypeAsync(ScimRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = request.Tenant;
        var name = request.RouteValue("name");
        var type = tenant.Schemas.All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw ScimException.NotFound($"No resource type is named '{name}'.");
        return ScimResponses.WriteJsonAsync(request.HttpContext, 200, DiscoveryDocuments.ResourceType(type, tenant.BaseUrl));
    }

    public static Task ListSchemasAsync(ScimRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = request.Tenant;
        var documents = tenant.Schemas.AllSchemas.Select(schema => DiscoveryDocuments.Schema(schema, tenant.BaseUrl)).ToList();
        return ScimResponses.WriteJsonAsync(request.HttpContext, 200, ListResponse.Build(documents, documents.Count, 1));
    }

    public static Task GetSchemaAsync(ScimRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = request.Tenant;
        var urn = request.RouteValue("urn");
        var schema = tenant.Schemas.AllSchemas.FirstOrDefault(s => string.Equals(s.Id, urn, StringComparison.OrdinalIgnoreCase))
            ?? throw ScimException.NotFound($"No schema has the id '{urn}'.");
        return ScimResponses.WriteJsonAsync(request.HttpContext, 200, DiscoveryDocuments.Schema(schema, tenant.BaseUrl));
    }

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
}
