using ScimFunctions.Core.Filters;
using ScimFunctions.Core.Patch;

namespace ScimFunctions.Core.Paging;

/// <summary>A parsed <c>sortBy</c> / <c>sortOrder</c> (RFC 7644 §3.4.2.3).</summary>
public sealed record SortSpec(AttributePath By, bool Descending)
{
    /// <summary>
    /// Null when <paramref name="sortBy"/> is absent (a <c>sortOrder</c> alone is ignored). <c>sortOrder</c> is
    /// "ascending" (the default) or "descending" in any case. 400 invalidPath for a malformed path (a value filter is not a
    /// sort key), 400 invalidValue for any other order.
    /// </summary>
    public static SortSpec? Parse(string? sortBy, string? sortOrder)
    {
        if (string.IsNullOrWhiteSpace(sortBy))
        {
            return null;
        }

        if (sortBy.Contains('[', StringComparison.Ordinal))
        {
            throw ScimException.InvalidPath($"sortBy must name an attribute, not a value filter: '{sortBy}'.");
        }

        var path = PatchPath.Parse(sortBy).Attribute;
        var descending = sortOrder switch
        {
            null => false,
            _ when string.IsNullOrWhiteSpace(sortOrder) => false,
            _ when string.Equals(sortOrder.Trim(), "ascending", StringComparison.OrdinalIgnoreCase) => false,
            _ when string.Equals(sortOrder.Trim(), "descending", StringComparison.OrdinalIgnoreCase) => true,
            _ => throw ScimException.InvalidValue($"sortOrder must be 'ascending' or 'descending', not '{sortOrder}'."),
        };

        return new SortSpec(path, descending);
    }

    public override string ToString() => By + (Descending ? " descending" : " ascending");
}
