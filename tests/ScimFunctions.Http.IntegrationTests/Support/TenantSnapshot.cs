namespace ScimFunctions.Http.IntegrationTests.Support;

/// <summary>
/// Everything a tenant holds as its IdP sees it: every user and group, with meta (version, lastModified), in id order.
/// Two equal snapshots mean no request between them wrote anything.
/// </summary>
public static class TenantSnapshot
{
    public static async Task<string> TakeAsync(TenantClient tenant)
    {
        var parts = new List<string>();
        foreach (var endpoint in new[] { "/Users", "/Groups" })
        {
            var page = await tenant.GetAsync(endpoint + "?count=200");
            page.AssertStatus(200);
            parts.AddRange(page.Resources.Select(r => r.ToJsonString()).Order(StringComparer.Ordinal));
        }

        return string.Join('\n', parts);
    }
}
