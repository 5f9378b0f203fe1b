namespace ScimFunctions.Core.Filters;

/// <summary>Parses RFC 7644 §3.4.2.2 filters into a <see cref="FilterNode"/> tree.</summary>
public static class ScimFilter
{
    /// <summary>
    /// Parses a filter; throws <see cref="ScimException"/> (400 invalidFilter) whose detail names the position and the
    /// original text, e.g. <c>Expected a comparison value at position 12 in filter 'userName eq akadmin'</c>.
    /// </summary>
    public static FilterNode Parse(string text, FilterLimits? limits = null) => FilterParser.ParseFilter(text, limits);

    /// <summary>
    /// Parses a filter of a request to <paramref name="resourceType"/>: as <see cref="Parse(string, FilterLimits?)"/>, and
    /// with <see cref="CompatibilityOptions.UnquotedFilterStrings"/> a bare value compared to a string attribute is read as
    /// a string (<c>userName eq akadmin</c> is <c>userName eq "akadmin"</c>; the rule is in docs/http.md).
    /// </summary>
    public static FilterNode Parse(string text, ResourceTypeDefinition resourceType, CompatibilityOptions compatibility, FilterLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(resourceType);
        ArgumentNullException.ThrowIfNull(compatibility);
        return FilterParser.ParseFilter(text, limits, compatibility.UnquotedFilterStrings ? resourceType : null);
    }
}
