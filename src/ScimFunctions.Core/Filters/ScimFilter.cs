using System.Diagnostics.CodeAnalysis;
using ScimFunctions.Core.Errors;

namespace ScimFunctions.Core.Filters;

/// <summary>Parses RFC 7644 §3.4.2.2 filters into a <see cref="FilterNode"/> tree.</summary>
public static class ScimFilter
{
    /// <summary>Parses a filter; throws <see cref="ScimException"/> (400 invalidFilter) with the position on error.</summary>
    public static FilterNode Parse(string text, FilterLimits? limits = null) => throw new NotImplementedException();

    /// <summary>Parses a filter without throwing.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out FilterNode? filter, [NotNullWhen(false)] out ScimException? error, FilterLimits? limits = null)
        => throw new NotImplementedException();
}
