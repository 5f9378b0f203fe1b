using System.Text.Json.Nodes;
using ScimFunctions.Core.Filters;
using ScimFunctions.Core.Resources;
using ScimFunctions.Core.Schemas;

namespace ScimFunctions.Core.Paging;

/// <summary>
/// A list/search request: from the query string of GET or from a POST .search SearchRequest body.
/// </summary>
public sealed record ScimQuery(FilterNode? Filter, AttributeSelection Selection, SortSpec? Sort, PageRequest Page)
{
    /// <summary>From query-string values (<paramref name="get"/> returns null for an absent parameter; names case-insensitive).</summary>
    public static ScimQuery FromQueryString(Func<string, string?> get, ResourceTypeDefinition resourceType, PagingLimits? limits = null)
        => throw new NotImplementedException();

    /// <summary>From a SearchRequest body (RFC 7644 §3.4.3).</summary>
    public static ScimQuery FromSearchRequest(JsonNode? body, ResourceTypeDefinition resourceType, PagingLimits? limits = null)
        => throw new NotImplementedException();
}
