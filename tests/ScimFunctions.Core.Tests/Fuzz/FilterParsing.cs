using System.Diagnostics.CodeAnalysis;
using ScimFunctions.Core.Errors;
using ScimFunctions.Core.Filters;

namespace ScimFunctions.Core.Tests.Fuzz;

/// <summary>The fuzzers' way to parse a filter and keep the error (the product only ever parses and throws).</summary>
internal static class FilterParsing
{
    public static bool TryParse(string text, [NotNullWhen(true)] out FilterNode? filter, [NotNullWhen(false)] out ScimException? error, FilterLimits? limits = null)
    {
        try
        {
            filter = ScimFilter.Parse(text, limits);
            error = null;
            return true;
        }
        catch (ScimException exception)
        {
            filter = null;
            error = exception;
            return false;
        }
    }
}
