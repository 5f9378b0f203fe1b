using ScimFunctions.Core.Filters;

namespace ScimFunctions.Core.Paging;

/// <summary>A parsed <c>sortBy</c> / <c>sortOrder</c>.</summary>
public sealed record SortSpec(AttributePath By, bool Descending)
{
    /// <summary>Null when <paramref name="sortBy"/> is absent; 400 invalidPath / invalidValue on bad input.</summary>
    public static SortSpec? Parse(string? sortBy, string? sortOrder) => throw new NotImplementedException();
}
