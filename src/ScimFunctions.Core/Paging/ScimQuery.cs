using System.Text.Json;
using ScimFunctions.Core.Filters;
using ScimFunctions.Core.Resources;

namespace ScimFunctions.Core.Paging;

/// <summary>
/// A list/search request: from the query string of GET or from a POST .search SearchRequest body.
/// A blank <c>filter</c> means no filter; a malformed one is 400 invalidFilter (never an unfiltered list). The filter and
/// <c>sortBy</c> are checked against the resource type up front, so a type error or a <c>returned: never</c> attribute
/// (e.g. <c>password</c>) is a 400 even when no resource would have been compared.
/// </summary>
public sealed record ScimQuery(FilterNode? Filter, AttributeSelection Selection, SortSpec? Sort, PageRequest Page)
{
    /// <summary>From query-string values (<paramref name="get"/> returns null for an absent parameter; names case-insensitive).</summary>
    public static ScimQuery FromQueryString(Func<string, string?> get, ResourceTypeDefinition resourceType, PagingLimits? limits = null, CompatibilityOptions? compatibility = null)
    {
        ArgumentNullException.ThrowIfNull(get);
        ArgumentNullException.ThrowIfNull(resourceType);
        return Checked(
            new ScimQuery(
                ParseFilter(get("filter"), resourceType, compatibility),
                AttributeSelection.Parse(get("attributes"), get("excludedAttributes"), resourceType),
                SortSpec.Parse(get("sortBy"), get("sortOrder")),
                PageRequest.Parse(get("startIndex"), get("count"), get("cursor"), limits)),
            resourceType);
    }

    /// <summary>
    /// From a SearchRequest body (RFC 7644 §3.4.3): <c>schemas</c> must list the SearchRequest URN (400 invalidSyntax);
    /// member names are case-insensitive; <c>attributes</c> / <c>excludedAttributes</c> are arrays of strings (a
    /// comma-separated string is accepted too); <c>startIndex</c> / <c>count</c> are numbers (numeric strings accepted).
    /// </summary>
    public static ScimQuery FromSearchRequest(JsonNode? body, ResourceTypeDefinition resourceType, PagingLimits? limits = null, CompatibilityOptions? compatibility = null)
    {
        ArgumentNullException.ThrowIfNull(resourceType);
        if (body is not JsonObject request)
        {
            throw ScimException.InvalidSyntax("A SearchRequest body must be a JSON object.");
        }

        var schemas = Member(request, "schemas") as JsonArray;
        if (schemas is null || !schemas.Any(urn => urn is JsonValue value && value.GetValueKind() == JsonValueKind.String
            && string.Equals(value.GetValue<string>(), ScimSchemaUrns.SearchRequest, StringComparison.OrdinalIgnoreCase)))
        {
            throw ScimException.InvalidSyntax($"A SearchRequest must list '{ScimSchemaUrns.SearchRequest}' in 'schemas'.");
        }

        return Checked(
            new ScimQuery(
                ParseFilter(Text(request, "filter"), resourceType, compatibility),
                AttributeSelection.Parse(List(request, "attributes"), List(request, "excludedAttributes"), resourceType),
                SortSpec.Parse(Text(request, "sortBy"), Text(request, "sortOrder")),
                PageRequest.Parse(Number(request, "startIndex"), Number(request, "count"), Text(request, "cursor"), limits)),
            resourceType);
    }

    private static ScimQuery Checked(ScimQuery query, ResourceTypeDefinition resourceType)
    {
        if (query.Filter is { } filter)
        {
            FilterEvaluator.Validate(filter, resourceType);
        }

        if (query.Sort is { } sort)
        {
            ResourceSorter.Validate(sort, resourceType);
        }

        return query;
    }

    private static FilterNode? ParseFilter(string? text, ResourceTypeDefinition resourceType, CompatibilityOptions? compatibility) =>
        string.IsNullOrWhiteSpace(text) ? null : ScimFilter.Parse(text, resourceType, compatibility ?? CompatibilityOptions.Default);

    private static JsonNode? Member(JsonObject request, string name)
    {
        foreach (var (key, value) in request)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    private static string? Text(JsonObject request, string name) => Member(request, name) switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => throw ScimException.InvalidValue($"SearchRequest member '{name}' must be a string."),
    };

    private static string? Number(JsonObject request, string name) => Member(request, name) switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.ToJsonString(),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => throw ScimException.InvalidValue($"SearchRequest member '{name}' must be an integer."),
    };

    private static string[]? List(JsonObject request, string name)
    {
        switch (Member(request, name))
        {
            case null:
                return null;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                return value.GetValue<string>().Split(',');
            case JsonArray array when array.All(item => item is JsonValue v && v.GetValueKind() == JsonValueKind.String):
                return [.. array.Select(item => item!.GetValue<string>())];
            default:
                throw ScimException.InvalidValue($"SearchRequest member '{name}' must be an array of attribute paths.");
        }
    }
}
