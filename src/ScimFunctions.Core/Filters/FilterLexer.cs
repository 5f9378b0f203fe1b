using System.Globalization;
using System.Text;

namespace ScimFunctions.Core.Filters;

/// <summary>
/// The lexer of the SCIM filter language: a pure function from (text, position) to the next token, so the parser can
/// look ahead without state. A name runs over <c>A-Z a-z 0-9 : . _ - $</c>, so keywords only end at a delimiter
/// (<c>userNameeq</c> is one name, not <c>userName eq</c>). Malformed input yields an <see cref="FilterTokenKind.Error"/> token.
/// </summary>
internal static class FilterLexer
{
    public static FilterToken Next(string text, int start)
    {
        var i = start;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        if (i >= text.Length)
        {
            return new FilterToken(FilterTokenKind.End, text.Length, text.Length, string.Empty);
        }

        var c = text[i];
        return c switch
        {
            '(' => new FilterToken(FilterTokenKind.OpenParen, i, i + 1, "("),
            ')' => new FilterToken(FilterTokenKind.CloseParen, i, i + 1, ")"),
            '[' => new FilterToken(FilterTokenKind.OpenBracket, i, i + 1, "["),
            ']' => new FilterToken(FilterTokenKind.CloseBracket, i, i + 1, "]"),
            '.' => new FilterToken(FilterTokenKind.Dot, i, i + 1, "."),
            '"' => LexString(text, i),
            '-' or (>= '0' and <= '9') => LexNumber(text, i),
            _ when char.IsAsciiLetter(c) || c == '$' => LexName(text, i),
            _ => Error(i, $"Unexpected character '{Printable(c)}'"),
        };
    }

    public static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is ':' or '.' or '_' or '-' or '$';

    private static FilterToken LexName(string text, int start)
    {
        var i = start + 1;
        while (i < text.Length && IsNameChar(text[i]))
        {
            i++;
        }

        return new FilterToken(FilterTokenKind.Name, start, i, text[start..i]);
    }

    private static FilterToken LexString(string text, int start)
    {
        var builder = new StringBuilder();
        var i = start + 1;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"')
            {
                return new FilterToken(FilterTokenKind.String, start, i + 1, builder.ToString());
            }

            if (c != '\\')
            {
                builder.Append(c);
                i++;
                continue;
            }

            if (i + 1 >= text.Length)
            {
                break;
            }

            var escape = text[i + 1];
            if (Unescape(escape) is { } unescaped)
            {
                builder.Append(unescaped);
            }
            else if (escape == 'u' && i + 5 < text.Length
                && ushort.TryParse(text.AsSpan(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                builder.Append((char)code);
                i += 4;
            }
            else
            {
                return Error(i, "Invalid escape sequence in string");
            }

            i += 2;
        }

        return Error(start, "Unterminated string");
    }

    /// <summary>The character a one-letter JSON escape (<c>\n</c>, <c>\"</c>, …) stands for; null for any other letter.</summary>
    private static char? Unescape(char escape) => escape switch
    {
        '"' or '\\' or '/' => escape,
        'b' => '\b',
        'f' => '\f',
        'n' => '\n',
        'r' => '\r',
        't' => '\t',
        _ => null,
    };

    /// <summary>JSON number: <c>-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?</c>, followed by a delimiter.</summary>
    private static FilterToken LexNumber(string text, int start)
    {
        var i = start;
        if (text[i] == '-')
        {
            i++;
        }

        if (i >= text.Length || !char.IsAsciiDigit(text[i]))
        {
            return Error(start, "Invalid number");
        }

        if (text[i] == '0')
        {
            i++;
        }
        else
        {
            i = SkipDigits(text, i);
        }

        if (i < text.Length && text[i] == '.')
        {
            var afterDot = SkipDigits(text, i + 1);
            if (afterDot == i + 1)
            {
                return Error(start, "Invalid number");
            }

            i = afterDot;
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            var j = i + 1;
            if (j < text.Length && text[j] is '+' or '-')
            {
                j++;
            }

            var afterExponent = SkipDigits(text, j);
            if (afterExponent == j)
            {
                return Error(start, "Invalid number");
            }

            i = afterExponent;
        }

        if (i < text.Length && (IsNameChar(text[i]) || text[i] == '"'))
        {
            return Error(start, "Invalid number");
        }

        return new FilterToken(FilterTokenKind.Number, start, i, text[start..i]);
    }

    private static int SkipDigits(string text, int i)
    {
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i;
    }

    private static FilterToken Error(int position, string message) => new(FilterTokenKind.Error, position, position, message);

    private static string Printable(char c) => char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString();
}
