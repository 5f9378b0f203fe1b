using ScimFunctions.Core.Paging;
using ScimFunctions.Core.Resources;
using ScimFunctions.Core.Schemas;
using ScimFunctions.Http.Tenancy;

namespace ScimFunctions.Http.Handlers;

/// <summary>RFC 7644 §3.3–§3.6 for one resource type of the authenticated tenant, over <see cref="TenantOperations"/>.</summary>
public sealed class ResourceHandlers(ResourceKind kind)
{
    public async Task CreateAsync(ScimRequest request)
    {
        var (type, selection, body, operations) = await WriteRequestAsync(request);
        var created = await operations.CreateAsync(type, body);
        var location = request.Tenant.Location(type, created.Id); // before rendering, which consumes the stored document
        await ScimResponses.WriteJsonAsync(request.HttpContext, 201, operations.Render(type, created, selection), created.Version, location);
    }

    /// <summary>
    /// What a POST, PUT or PATCH starts from, in this order: the resource type, the answer's attribute selection, the
    /// body, and the tenant's operations.
    /// </summary>
    private async Task<(ResourceTypeDefinition Type, AttributeSelection Selection, JsonNode Body, TenantOperations Operations)> WriteRequestAsync(ScimRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var type = request.Tenant.ResourceType(kind);
        var selection = request.Selection(type);
        return (type, selection, await request.ReadJsonAsync(), await request.OperationsAsync());
    }

    public async Task GetAsync(ScimRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var type = request.Tenant.ResourceType(kind);
        var selection = request.Selection(type);
        var operations = await request.OperationsAsync();
        var stored = await operations.GetAsync(type, request.RouteValue("id"), selection);
        if (EntityTags.IfNoneMatchHits(request.HttpContext.Request, stored.Version))
        {
            await ScimResponses.WriteEmptyAsync(request.HttpContext, 304, stored.Version);
            return;
        }

        await ScimResponses.WriteJsonAsync(request.HttpContext, 200, operations.Render(type, stored, selection), stored.Version);
    }

    public async Task ReplaceAsync(ScimRequest request)
    {
        var (type, selection, body, operations) = await WriteRequestAsync(request);
        var replaced = await operations.ReplaceAsync(type, request.RouteValue("id"), body, EntityTags.IfMatch(request.HttpContext.Request));
        await ScimResponses.WriteJsonAsync(request.HttpContext, 200, operations.Render(type, replaced, selection), replaced.Version);
    }

    /// <summary>
    /// 204 or 200 with the resource per the tenant's <c>PatchReturnsNoContent</c> switch; always 200 with the
    /// resource when the client asked for <c>attributes</c>/<c>excludedAttributes</c> (RFC 7644 §3.5.2).
    /// </summary>
    public async Task PatchAsync(ScimRequest request)
    {
        var (type, selection, body, operations) = await WriteRequestAsync(request);
        var patched = await operations.PatchAsync(type, request.RouteValue("id"), body, EntityTags.IfMatch(request.HttpContext.Request));
        if (request.Tenant.Compatibility.PatchReturnsNoContent && !request.HasSelectionParameters)
        {
            await ScimResponses.WriteEmptyAsync(request.HttpContext, 204, patched.Version);
            return;
        }

        var shown = await operations.AfterPatchAsync(type, patched, selection);
        await ScimResponses.WriteJsonAsync(request.HttpContext, 200, operations.Render(type, shown, selection), shown.Version);
    }

    public async Task DeleteAsync(ScimRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var type = request.Tenant.ResourceType(kind);
        var operations = await request.OperationsAsync();
        await operations.DeleteAsync(type, request.RouteValue("id"), EntityTags.IfMatch(request.HttpContext.Request));
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
        var operations = await request.OperationsAsync();
        await ScimResponses.WriteJsonAsync(request.HttpContext, 200, await operations.QueryAsync(request.Tenant.ResourceType(kind), query));
    }
}
