namespace ScimFunctions.Core.Filters;

/// <summary>The kinds of token of the SCIM filter language.</summary>
internal enum FilterTokenKind
{
    /// <summary>An attribute path or a keyword (operators, and/or/not, true/false/null): keywords are contextual.</summary>
    Name,
    String,
    Number,
    OpenParen,
    CloseParen,
    OpenBracket,
    CloseBracket,
    Dot,
    End,

    /// <summary>Malformed input; <see cref="FilterToken.Text"/> is the message.</summary>
    Error,
}

/// <summary>
/// One token: <see cref="Text"/> is the raw name, the unescaped string, the number as written, or an error message.
/// <see cref="Position"/> is the 0-based index of its first character; <see cref="End"/> the index after its last.
/// </summary>
internal readonly record struct FilterToken(FilterTokenKind Kind, int Position, int End, string Text)
{
    public bool IsKeyword(string keyword) => Kind == FilterTokenKind.Name && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);
}
