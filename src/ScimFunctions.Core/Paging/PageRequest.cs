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
public sealed record PageRequest(int StartIndex, int Count, string? Cursor)
{
    public bool IsCursorPaging => Cursor is not null;

    /// <summary>Parses the raw parameters; non-numbers are 400 invalidValue; cursor with startIndex is 400 invalidValue.</summary>
    public static PageRequest Parse(string? startIndex, string? count, string? cursor, PagingLimits? limits = null)
        => throw new NotImplementedException();
}
