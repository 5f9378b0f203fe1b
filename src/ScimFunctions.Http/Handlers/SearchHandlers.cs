using ScimFunctions.Core.Paging;

namespace ScimFunctions.Http.Handlers;

/// <summary>
/// POST /.search at the tenant root (RFC 7644 §3.4.3): one index-paged list over Users then Groups. Users occupy
/// positions 1..U and Groups U+1..U+G, so a page is a slice of users followed by a slice of groups and
/// <c>totalResults</c> is U+G. Sorting applies within each type; cursor paging is per type only.
/// </summary>
public static class SearchHandlers
{
    public static async Task SearchAllAsync(ScimRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = request.Tenant;
        var body = await request.ReadJsonAsync();
        var userType = tenant.Schemas.User;
        var groupType = tenant.Schemas.Group;
        var userQuery = ScimQuery.FromSearchRequest(body, userType, PagingLimits.Default, tenant.Compatibility);
        var groupQuery = ScimQuery.FromSearchRequest(body.DeepClone(), groupType, PagingLimits.Default, tenant.Compatibility);
        if (userQuery.Page.IsCursorPaging)
        {
            throw ScimException.BadRequest(ScimType.InvalidValue, "The root search pages by startIndex and count; cursor paging is available per resource type.");
        }

        var store = await request.StoreAsync();
        var page = userQuery.Page;
        var users = await store.QueryAsync(userType, userQuery, request.Aborted);
        var groupPage = new PageRequest((int)Math.Max(1, page.StartIndex - users.TotalResults), page.Count - users.Resources.Count, null);
        var groups = await store.QueryAsync(groupType, groupQuery with { Page = groupPage }, request.Aborted);

        var resources = new List<JsonObject>(users.Resources.Count + groups.Resources.Count);
        resources.AddRange(users.Resources.Select(stored => ResourceRenderer.Render(tenant, userType, stored, userQuery.Selection)));
        resources.AddRange(groups.Resources.Select(stored => ResourceRenderer.Render(tenant, groupType, stored, groupQuery.Selection)));
        var list = ListResponse.Build(resources, users.TotalResults + groups.TotalResults, page.StartIndex);
        await ScimResponses.WriteJsonAsync(request.HttpContext, 200, list);
    }
}
