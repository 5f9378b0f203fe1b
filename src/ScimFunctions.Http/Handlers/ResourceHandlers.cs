using ScimFunctions.Core.Errors;
using ScimFunctions.Core.Paging;
using ScimFunctions.Core.Patch;
using ScimFunctions.Core.Resources;
using ScimFunctions.Http.Pipeline;
using ScimFunctions.Http.Routing;
using ScimFunctions.Http.Tenancy;

namespace ScimFunctions.Http.Handlers;

/// <summary>RFC 7644 §3.3–§3.6 for one resource type of the authenticated tenant.</summary>
public sealed class ResourceHandlers(ResourceKind kind)
{
    public async Task CreateAsync(ScimRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = request.Tenant;
        var type = tenant.ResourceType(kind);
        var selection = request.Selection(type);
        var resource = ResourceValidator.Normalize(await request.ReadJsonAsync(), type, tenant.Compatibility);
        var store = await request.StoreAsync();
        var created = await store.CreateAsync(type, resource, request.WriteContext, request.Aborted);
        var body = ResourceRenderer.Render(tenant, type, created, selection);
        await ScimResponses.WriteJsonAsync(request.HttpContext, 201, body, created.Version, tenant.Location(type, created.Id));
    }

    public async Task GetAsync(ScimRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = request.Tenant;
        var type = tenant.ResourceType(kind);
        var selection = request.Selection(type);
        var store = await request.StoreAsync();
        var stored = await store.GetAsync(type, request.RouteValue("id"), selection, request.Aborted) ?? throw NotFound(type.Name);
        if (EntityTags.IfNoneMatchHits(request.HttpContext.Request, stored.Version))
        {
            await ScimResponses.WriteEmptyAsync(request.HttpContext, 304, stored.Version);
            return;
        }

        await ScimResponses.WriteJsonAsync(request.HttpContext, 200, ResourceRenderer.Render(tenant, type, stored, selection), stored.Version);
    }

    public async Task ReplaceAsync(ScimRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = request.Tenant;
        var type = tenant.ResourceType(kind);
        var selection = request.Selection(type);
        var resource = ResourceValidator.Normalize(await request.ReadJsonAsync(), type, tenant.Compatibility);
        var store = await request.StoreAsync();
        var replaced = await store.ReplaceAsync(type, request.RouteValue("id"), resource, EntityTags.IfMatch(request.HttpContext.Request), request.WriteContext, request.Aborted);
        await ScimResponses.WriteJsonAsync(request.HttpContext, 200, ResourceRenderer.Render(tenant, type, replaced, selection), replaced.Version);
    }

    /// <summary>
    /// 204 or 200 with the resource per the tenant's <c>PatchReturnsNoContent</c> switch; always 200 with the
    /// resource when the client asked for <c>attributes</c>/<c>excludedAttributes</c> (RFC 7644 §3.5.2).
    /// </summary>
    public async Task PatchAsync(ScimRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = request.Tenant;
        var type = tenant.ResourceType(kind);
        var selection = request.Selection(type);
        var patch = PatchRequest.Parse(await request.ReadJsonAsync(), tenant.Compatibility);
        var store = await request.StoreAsync();
        var patched = await store.PatchAsync(type, request.RouteValue("id"), patch, tenant.Compatibility, EntityTags.IfMatch(request.HttpContext.Request), request.WriteContext, request.Aborted);
        if (tenant.Compatibility.PatchReturnsNoContent && !request.HasSelectionParameters)
        {
            await ScimResponses.WriteEmptyAsync(request.HttpContext, 204, patched.Version);
            return;
        }

        // The store answers a group PATCH without its member rows (a 204 needs none); a 200 that shows members reads
        // them once, so the answer is the group as it now is.
        var shown = type.Schema.FindAttribute("members") is not null && selection.Includes("members")
            ? await store.GetAsync(type, patched.Id, selection, request.Aborted) ?? patched
            : patched;
        await ScimResponses.WriteJsonAsync(request.HttpContext, 200, ResourceRenderer.Render(tenant, type, shown, selection), shown.Version);
    }

    public async Task DeleteAsync(ScimRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var type = request.Tenant.ResourceType(kind);
        var store = await request.StoreAsync();
        await store.DeleteAsync(type, request.RouteValue("id"), EntityTags.IfMatch(request.HttpContext.Request), request.WriteContext, request.Aborted);
        await ScimResponses.WriteEmptyAsync(request.HttpContext, 204);
    }

    /// <summary>GET with filter, sortBy/sortOrder, startIndex/count or cursor, attributes/excludedAttributes.</summary>
    public async Task ListAsync(ScimRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var type = request.Tenant.ResourceType(kind);
        await QueryAsync(request, ScimQuery.FromQueryString(request.Query, type, PagingLimits.Default, request.Tenant.Compatibility));
    }

    /// <summary>POST /{Type}/.search with a SearchRequest body (RFC 7644 §3.4.3).</summary>
    public async Task SearchAsync(ScimRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var type = request.Tenant.ResourceType(kind);
        await QueryAsync(request, ScimQuery.FromSearchRequest(await request.ReadJsonAsync(), type, PagingLimits.Default, request.Tenant.Compatibility));
    }

    private async Task QueryAsync(ScimRequest request, ScimQuery query)
    {
        var tenant = request.Tenant;
        var type = tenant.ResourceType(kind);
        var store = await request.StoreAsync();
        var result = await store.QueryAsync(type, query, request.Aborted);
        await ScimResponses.WriteJsonAsync(request.HttpContext, 200, ResourceRenderer.RenderList(tenant, type, result, query.Selection));
    }

    internal static ScimException NotFound(string typeName) => ScimException.NotFound($"{typeName} not found.");
}
