using ScimFunctions.Core.Paging;
using ScimFunctions.Core.Schemas;
using ScimFunctions.Http.Tenancy;
using ScimFunctions.Storage.Tenants;

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

    public static Task ListResourceTypesAsync(ScimRequest request) => s_resourceTypes.ListAsync(request);

    public static Task GetResourceTypeAsync(ScimRequest request) => s_resourceTypes.GetAsync(request);

    public static Task ListSchemasAsync(ScimRequest request) => s_schemas.ListAsync(request);

    public static Task GetSchemaAsync(ScimRequest request) => s_schemas.GetAsync(request);

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

    private static readonly DocumentKind<ResourceTypeDefinition> s_resourceTypes =
        new("name", schemas => schemas.All, type => type.Name, DiscoveryDocuments.ResourceType, name => $"No resource type is named '{name}'.");

    private static readonly DocumentKind<SchemaDefinition> s_schemas =
        new("urn", schemas => schemas.AllSchemas, schema => schema.Id, DiscoveryDocuments.Schema, urn => $"No schema has the id '{urn}'.");

    /// <summary>
    /// One kind of discovery document: the tenant's items of that kind, the id a route names one by (route value
    /// <c>Key</c>, matched case-insensitively), its document, and the 404 message for an unknown id.
    /// </summary>
    private sealed record DocumentKind<T>(string Key, Func<TenantSchemas, IEnumerable<T>> All, Func<T, string> Id, Func<T, string, JsonObject> Document, Func<string, string> NotFound)
        where T : class
    {
        /// <summary>All of the tenant's documents of this kind as a ListResponse (discovery lists are not paged).</summary>
        public Task ListAsync(ScimRequest request)
        {
            ArgumentNullException.ThrowIfNull(request);
            var tenant = request.Tenant;
            var list = All(tenant.Schemas).Select(item => Document(item, tenant.BaseUrl)).ToList();
            return ScimResponses.WriteJsonAsync(request.HttpContext, 200, ListResponse.Build(list, list.Count, 1));
        }

        /// <summary>The tenant's document with the route's id; 404 when it has none.</summary>
        public Task GetAsync(ScimRequest request)
        {
            ArgumentNullException.ThrowIfNull(request);
            var id = request.RouteValue(Key);
            var tenant = request.Tenant;
            var item = All(tenant.Schemas).FirstOrDefault(candidate => string.Equals(Id(candidate), id, StringComparison.OrdinalIgnoreCase))
                ?? throw ScimException.NotFound(NotFound(id));
            return ScimResponses.WriteJsonAsync(request.HttpContext, 200, Document(item, tenant.BaseUrl));
        }
    }
}
