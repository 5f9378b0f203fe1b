namespace ScimFunctions.Core.Filters;

/// <summary>RFC 7644 §3.4.2.2 comparison operators.</summary>
public enum ComparisonOperator
{
    Eq,
    Ne,
    Co,
    Sw,
    Ew,
    Gt,
    Ge,
    Lt,
    Le,
}

/// <summary>The kind of a filter comparison value (RFC 7644 <c>compValue</c>).</summary>
public enum FilterLiteralKind
{
    String,
    Number,
    True,
    False,
    Null,
}

/// <summary>
/// A comparison value of a filter. <see cref="Text"/> holds the unescaped string for strings and the original
/// number text for numbers (so decimals keep their precision); it is null for true/false/null.
/// </summary>
public readonly record struct FilterLiteral(FilterLiteralKind Kind, string? Text)
{
    public static FilterLiteral Null { get; } = new(FilterLiteralKind.Null, null);
    public static FilterLiteral True { get; } = new(FilterLiteralKind.True, null);
    public static FilterLiteral False { get; } = new(FilterLiteralKind.False, null);
    public static FilterLiteral FromString(string value) => new(FilterLiteralKind.String, value);
    public static FilterLiteral FromNumber(string text) => new(FilterLiteralKind.Number, text);

    public override string ToString() => Kind switch
    {
        FilterLiteralKind.String => "\"" + Text!.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
        FilterLiteralKind.Number => Text!,
        FilterLiteralKind.True => "true",
        FilterLiteralKind.False => "false",
        _ => "null",
    };
}

/// <summary>A node of a parsed SCIM filter. The tree is immutable and inspectable (for storage pushdown).</summary>
public abstract record FilterNode;

/// <summary><c>attrPath compareOp compValue</c>.</summary>
public sealed record ComparisonNode(AttributePath Path, ComparisonOperator Operator, FilterLiteral Value) : FilterNode
{
    public override string ToString() => $"{Path} {Operator.ToString().ToLowerInvariant()} {Value}";
}

/// <summary><c>attrPath pr</c>.</summary>
public sealed record PresentNode(AttributePath Path) : FilterNode
{
    public override string ToString() => $"{Path} pr";
}

/// <summary><c>left and right</c>.</summary>
public sealed record AndNode(FilterNode Left, FilterNode Right) : FilterNode
{
    public override string ToString() => $"({Left} and {Right})";
}

/// <summary><c>left or right</c>.</summary>
public sealed record OrNode(FilterNode Left, FilterNode Right) : FilterNode
{
    public override string ToString() => $"({Left} or {Right})";
}

/// <summary><c>not (inner)</c>.</summary>
public sealed record NotNode(FilterNode Inner) : FilterNode
{
    public override string ToString() => $"not ({Inner})";
}

/// <summary>
/// <c>attrPath "[" valFilter "]"</c>: matches when at least one value of the multi-valued (or complex) attribute
/// <see cref="Path"/> matches <see cref="Filter"/>, whose paths are relative to that value
/// (e.g. <c>emails[type eq "work" and value co "@x"]</c>). <see cref="AttributePath.SubAttribute"/> of
/// <see cref="Path"/> is always null.
/// </summary>
public sealed record ValuePathNode(AttributePath Path, FilterNode Filter) : FilterNode
{
    public override string ToString() => $"{Path}[{Filter}]";
}
