using System.Globalization;
using ScimFunctions.Storage.Abstractions;
using ScimFunctions.Storage.Audit;

namespace ScimFunctions.Http.Operator;

/// <summary>
/// Operator API: a tenant's change log and its operator audit log, each in order from an opaque cursor
/// (<c>?cursor=…&amp;count=…</c>).
/// </summary>
public static class ChangeAdminHandlers
{
    public const int MaxCount = 1000;

    public static async Task ReadAsync(ScimRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = await TenantAdminHandlers.LoadAsync(request);
        var count = Count(request);

        // The row just read, not a cached one: the feed is always the current incarnation's.
        var store = request.Service<ITenantStoreProvider>().GetStore(tenant);
        var page = await store.ReadChangesAsync(request.Query("cursor"), count, request.Aborted);
        await OperatorJson.WriteAsync(request, 200, new JsonObject
        {
            ["changes"] = OperatorJson.Write(page.Changes),
            ["nextCursor"] = page.NextCursor,
        });
    }

    /// <summary>The operator actions on a tenant, oldest first; also for a tenant that was deleted (its trail outlives it).</summary>
    public static async Task ReadAuditAsync(ScimRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var page = await request.Service<OperatorAuditLog>().ReadAsync(TenantAdminHandlers.RouteTenant(request), request.Query("cursor"), Count(request), request.Aborted);
        await OperatorJson.WriteAsync(request, 200, new JsonObject
        {
            ["records"] = OperatorJson.Write(page.Records),
            ["nextCursor"] = page.NextCursor,
        });
    }

    private static int Count(ScimRequest request)
    {
        var countText = request.Query("count");
        var count = 100;
        if (countText is not null && (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxCount))
        {
            throw ScimException.InvalidValue($"'count' must be an integer from 1 to {MaxCount}.");
        }

        return count;
    }
}
