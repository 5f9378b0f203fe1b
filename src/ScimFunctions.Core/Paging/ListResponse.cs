using System.Text.Json.Nodes;

namespace ScimFunctions.Core.Paging;

/// <summary>Builds RFC 7644 ListResponse documents (index paging and RFC 9865 cursor paging).</summary>
public static class ListResponse
{
    /// <summary>
    /// totalResults, itemsPerPage and startIndex as JSON numbers; startIndex omitted for cursor paging;
    /// nextCursor / previousCursor only when given; Resources omitted when empty and count was 0.
    /// </summary>
    public static JsonObject Build(IReadOnlyList<JsonObject> resources, long totalResults, int? startIndex, string? nextCursor = null, string? previousCursor = null)
        => throw new NotImplementedException();
}
