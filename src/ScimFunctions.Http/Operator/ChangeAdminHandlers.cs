using System.Globalization;
using System.Text.Json.Nodes;
using ScimFunctions.Core.Errors;
using ScimFunctions.Http.Routing;
using ScimFunctions.Storage.Abstractions;

namespace ScimFunctions.Http.Operator;

/// <summary>Operator API: a tenant's change log in order, from an opaque cursor (<c>?cursor=…&amp;count=…</c>).</summary>
public static class ChangeAdminHandlers
{
    public const int MaxCount = 1000;

    public static async Task ReadAsync(ScimRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = (await TenantAdminHandlers.LoadAsync(request)).Id;
        var countText = request.Query("count");
        var count = 100;
        if (countText is not null && (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxCount))
        {
            throw ScimException.InvalidValue($"'count' must be an integer from 1 to {MaxCount}.");
        }

        var store = await request.Service<ITenantStoreProvider>().GetStoreAsync(tenant, request.Aborted);
        var page = await store.ReadChangesAsync(request.Query("cursor"), count, request.Aborted);
        await OperatorJson.WriteAsync(request, 200, new JsonObject
        {
            ["changes"] = OperatorJson.Write(page.Changes),
            ["nextCursor"] = page.NextCursor,
        });
    }
}
