namespace ScimFunctions.Core.Paging;

/// <summary>Builds RFC 7644 ListResponse documents (index paging and RFC 9865 cursor paging).</summary>
public static class ListResponse
{
    /// <summary>
    /// totalResults, itemsPerPage and startIndex as JSON numbers; startIndex omitted for cursor paging (pass null);
    /// nextCursor / previousCursor only when given. <c>Resources</c> is always present, as <c>[]</c> when there are no
    /// results (also for count=0): Okta and Entra ID both accept an empty array, and some clients fail on a missing one.
    /// The resources are copied, so the caller's documents stay usable, unless <paramref name="adopt"/> says they are
    /// the caller's fresh documents for this response only (no parent, not kept): then they are taken as they are. totalResults is never reported below the
    /// number of resources on the page (a stale counter must not produce a self-contradictory response).
    /// </summary>
    public static JsonObject Build(IReadOnlyList<JsonObject> resources, long totalResults, int? startIndex, string? nextCursor = null, string? previousCursor = null, bool adopt = false)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var response = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemaUrns.ListResponse),
            ["totalResults"] = Math.Max(totalResults, resources.Count),
            ["itemsPerPage"] = resources.Count,
        };
        if (startIndex is { } start)
        {
            response["startIndex"] = start;
        }

        if (!string.IsNullOrEmpty(nextCursor))
        {
            response["nextCursor"] = nextCursor;
        }

        if (!string.IsNullOrEmpty(previousCursor))
        {
            response["previousCursor"] = previousCursor;
        }

        response["Resources"] = new JsonArray([.. resources.Select(resource => adopt && resource.Parent is null ? resource : resource.DeepClone())]);
        return response;
    }
}
