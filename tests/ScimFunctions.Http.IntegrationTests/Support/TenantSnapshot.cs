using System.Text.Json.Nodes;

namespace ScimFunctions.Http.IntegrationTests.Support;

/// <summary>
/// Everything a tenant holds as its IdP sees it: every user and group, with meta (version, lastModified), in one root
/// search, ordered. Two equal snapshots mean no request between them wrote anything.
/// </summary>
public static class TenantSnapshot
{
    public static async Task<string> TakeAsync(TenantClient tenant)
    {
        var page = await tenant.PostAsync("/.search", new JsonObject { ["schemas"] = new JsonArray(Scim.SearchRequestSchema), ["count"] = 1000 });
        page.AssertStatus(200);
        return string.Join('\n', page.Resources.Select(r => r.ToJsonString()).Order(StringComparer.Ordinal));
    }
}
