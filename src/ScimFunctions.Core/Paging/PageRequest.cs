using System.Globalization;

namespace ScimFunctions.Core.Paging;

/// <summary>Server limits on paging, advertised in ServiceProviderConfig.</summary>
public sealed record PagingLimits(int DefaultCount = 100, int MaxCount = 1000)
{
    public static PagingLimits Default { get; } = new();
}

/// <summary>
/// A page request after RFC 7644 §3.4.2.4 / RFC 9865 rules: startIndex &lt; 1 means 1, negative count means 0,
/// count above the maximum is clamped; <see cref="Cursor"/> is set (possibly empty for the first page) when the
/// client asked for cursor paging.
/// </summary>
/// <remarks>
/// Decision on RFC 9865 <c>invalidCount</c>: a count above the maximum page size is clamped for cursor paging just as
/// for index paging, never answered with invalidCount. RFC 7644 §3.4.2.4 and RFC 9865 both let a server return fewer
/// results than asked (the client follows nextCursor / totalResults), and identity providers that always ask for a
/// large page (e.g. count=5000) keep working. A blank parameter counts as absent.
/// </remarks>
public sealed record PageRequest(int StartIndex, int Count, string? Cursor)
{
    public bool IsCursorPaging => Cursor is not null;

    /// <summary>Parses the raw parameters; non-numbers are 400 invalidValue; cursor with startIndex is 400 invalidValue.</summary>
    public static PageRequest Parse(string? startIndex, string? count, string? cursor, PagingLimits? limits = null)
    {
        limits ??= PagingLimits.Default;
        var maxCount = Math.Max(0, limits.MaxCount);
        var start = ParseInteger(startIndex, "startIndex");
        var requested = ParseInteger(count, "count");
        if (cursor is not null && start is not null)
        {
            throw ScimException.InvalidValue("'cursor' and 'startIndex' cannot be used together: choose cursor or index paging.");
        }

        return new PageRequest(
            StartIndex: (int)Math.Clamp(start ?? 1, 1, int.MaxValue),
            Count: (int)Math.Clamp(requested ?? Math.Min(limits.DefaultCount, maxCount), 0, maxCount),
            Cursor: cursor);
    }

    private static long? ParseInteger(string? text, string name)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim();
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        // An integer too large for 64 bits is still an integer: clamp it like any other out-of-range value.
        var digits = text.StartsWith('-') || text.StartsWith('+') ? text[1..] : text;
        if (digits.Length > 0 && digits.All(char.IsAsciiDigit))
        {
            return text.StartsWith('-') ? long.MinValue : long.MaxValue;
        }

        throw ScimException.InvalidValue($"'{name}' must be an integer.");
    }
}
