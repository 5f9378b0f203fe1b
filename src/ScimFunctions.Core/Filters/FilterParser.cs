using ScimFunctions.Core.Patch;

namespace ScimFunctions.Core.Filters;

/// <summary>
/// Recursive-descent parser of RFC 7644 §3.4.2.2 filters and §3.5.2 PATCH paths:
/// <c>or → and → unary (not / grouping) → attribute expression (comparison, presence, value path)</c>.
/// Depth (parentheses, <c>not</c>, brackets) and node count are bounded by <see cref="FilterLimits"/> before recursing,
/// so hostile input ends in 400 invalidFilter, never in a stack overflow. Errors name the position and the original text.
/// </summary>
internal sealed class FilterParser
{
    private static readonly string[] s_operators = ["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le"];

    private readonly string _text;
    private readonly FilterLimits _limits;
    private readonly bool _isPatchPath;

    /// <summary>Set when unquoted strings are accepted (<see cref="CompatibilityOptions.UnquotedFilterStrings"/>).</summary>
    private readonly ResourceTypeDefinition? _unquotedStringsFor;
    private FilterToken _token;
    private int _depth;
    private int _nodes;
    private bool _inBrackets;
    private AttributePath? _bracketedPath;

    private FilterParser(string text, FilterLimits limits, bool isPatchPath, ResourceTypeDefinition? unquotedStringsFor)
    {
        _text = text;
        _limits = limits;
        _isPatchPath = isPatchPath;
        _unquotedStringsFor = unquotedStringsFor;
        _token = FilterLexer.Next(text, 0);
    }

    /// <summary>
    /// Parses a filter; with <paramref name="unquotedStringsFor"/>, a bare token after a comparison operator may be a
    /// string value (<see cref="TryReadUnquotedString"/>) for that resource type.
    /// </summary>
    public static FilterNode ParseFilter(string? text, FilterLimits? limits, ResourceTypeDefinition? unquotedStringsFor = null)
    {
        var parser = Create(text, limits, isPatchPath: false, unquotedStringsFor);
        var filter = parser.ParseOr();
        parser.ExpectEnd();
        return filter;
    }

    public static PatchPath ParsePatchPath(string? text, FilterLimits? limits)
    {
        var parser = Create(text, limits, isPatchPath: true, unquotedStringsFor: null);
        var path = parser.ParsePatchPath();
        parser.ExpectEnd();
        return path;
    }

    private static FilterParser Create(string? text, FilterLimits? limits, bool isPatchPath, ResourceTypeDefinition? unquotedStringsFor)
    {
        limits ??= FilterLimits.Default;
        var what = isPatchPath ? "Path" : "Filter";
        if (string.IsNullOrWhiteSpace(text))
        {
            throw isPatchPath ? ScimException.InvalidPath("Path is empty.") : ScimException.InvalidFilter("Filter is empty.");
        }

        if (text.Length > limits.MaxLength)
        {
            var detail = $"{what} is longer than {limits.MaxLength} characters.";
            throw isPatchPath ? ScimException.InvalidPath(detail) : ScimException.InvalidFilter(detail);
        }

        var parser = new FilterParser(text, limits, isPatchPath, unquotedStringsFor);
        parser.ThrowIfLexicalError();
        return parser;
    }

    private PatchPath ParsePatchPath()
    {
        var path = ParseAttributePath();
        if (_token.Kind != FilterTokenKind.OpenBracket)
        {
            return new PatchPath(path, null, null);
        }

        var filter = ParseBracketedFilter(path);
        string? subAttribute = null;
        if (_token.Kind == FilterTokenKind.Dot)
        {
            Advance();
            subAttribute = ParseSubAttributeName();
        }

        return new PatchPath(path, filter, subAttribute);
    }

    private FilterNode ParseOr() => ParseChain("or", ParseAnd, (left, right) => new OrNode(left, right));

    private FilterNode ParseAnd() => ParseChain("and", ParseUnary, (left, right) => new AndNode(left, right));

    /// <summary>Operands joined by <paramref name="keyword"/>, left-associative: <c>a or b or c</c> is <c>(a or b) or c</c>.</summary>
    private FilterNode ParseChain(string keyword, Func<FilterNode> operand, Func<FilterNode, FilterNode, FilterNode> join)
    {
        var left = operand();
        while (_token.IsKeyword(keyword))
        {
            Advance();
            left = Count(join(left, operand()));
        }

        return left;
    }

    private FilterNode ParseUnary()
    {
        if (_token.IsKeyword("not") && IsNotKeyword())
        {
            Advance();
            if (_token.Kind != FilterTokenKind.OpenParen)
            {
                throw Fail("Expected '(' after 'not'");
            }

            return Count(new NotNode(ParseParenthesized()));
        }

        return _token.Kind switch
        {
            FilterTokenKind.OpenParen => ParseParenthesized(),
            FilterTokenKind.Name when (_token.IsKeyword("and") || _token.IsKeyword("or")) && !IsFollowedByOperator() =>
                throw Fail("Expected an attribute path or '('"),
            FilterTokenKind.Name => ParseAttributeExpression(),
            _ => throw Fail("Expected an attribute path or '('"),
        };
    }

    /// <summary>"not" is the operator unless it is an attribute named "not" followed by an operator (e.g. <c>not eq 1</c>).</summary>
    private bool IsNotKeyword() => !IsFollowedByOperator();

    private bool IsFollowedByOperator()
    {
        var next = FilterLexer.Next(_text, _token.End);
        return next.Kind == FilterTokenKind.Name && (IsOperatorName(next.Text) || next.IsKeyword("pr"));
    }

    private FilterNode ParseParenthesized()
    {
        Enter();
        Advance();
        var inner = ParseOr();
        if (_token.Kind != FilterTokenKind.CloseParen)
        {
            throw Fail("Expected ')'");
        }

        Advance();
        _depth--;
        return inner;
    }

    private FilterNode ParseAttributeExpression()
    {
        var path = ParseAttributePath();
        if (_token.Kind != FilterTokenKind.OpenBracket)
        {
            return ParseComparison(path, _inBrackets ? _bracketedPath : null);
        }

        var filter = ParseBracketedFilter(path);
        if (_token.Kind == FilterTokenKind.Dot)
        {
            // Entra ID: emails[type eq "work"].value eq "x" — the same as emails[type eq "work" and value eq "x"].
            Advance();
            var subAttribute = new AttributePath(null, ParseSubAttributeName());
            filter = Count(new AndNode(filter, ParseComparison(subAttribute, path)));
        }

        return Count(new ValuePathNode(path, filter));
    }

    private FilterNode ParseBracketedFilter(AttributePath path)
    {
        if (_inBrackets)
        {
            throw Fail("Value filters cannot be nested");
        }

        if (path.SubAttribute is not null)
        {
            throw Fail($"A value filter applies to an attribute, not to the sub-attribute '{path}'");
        }

        Enter();
        Advance();
        _inBrackets = true;
        _bracketedPath = path;
        var filter = ParseOr();
        if (_token.Kind != FilterTokenKind.CloseBracket)
        {
            throw Fail("Expected ']'");
        }

        _inBrackets = false;
        Advance();
        _depth--;
        return filter;
    }

    /// <summary>A comparison of <paramref name="path"/>, a sub-attribute of <paramref name="valuePath"/> when that is set.</summary>
    private FilterNode ParseComparison(AttributePath path, AttributePath? valuePath)
    {
        if (_token.Kind != FilterTokenKind.Name || !(IsOperatorName(_token.Text) || _token.IsKeyword("pr")))
        {
            throw Fail("Expected an operator (eq, ne, co, sw, ew, gt, ge, lt, le or pr)");
        }

        if (_token.IsKeyword("pr"))
        {
            Advance();
            return Count(new PresentNode(path));
        }

        var op = ParseOperator(_token.Text);
        if (TryReadUnquotedString(path, valuePath) is { } unquoted)
        {
            _token = unquoted;
        }
        else
        {
            Advance();
        }

        var value = ParseLiteral();
        return Count(new ComparisonNode(path, op, value));
    }

    /// <summary>
    /// The lenient reading of a bare comparison value (Okta's <c>userName eq x@example.com</c>, Entra's
    /// <c>externalId eq jyoung</c>), after the operator token. The token runs from the first non-blank character to the
    /// next white space, <c>)</c>, <c>]</c> or the end, and is a string when all of these hold: it holds no <c>"</c>,
    /// <c>(</c>, <c>[</c> or control character; it is not <c>true</c>, <c>false</c>, <c>null</c>, a JSON number, or a
    /// keyword of the filter language (<c>and</c>, <c>or</c>, <c>not</c>, <c>pr</c>, an operator); it is not an attribute
    /// path of the resource type (<c>userName eq displayName</c> stays an error: comparing two attributes is not part of
    /// SCIM, and the value must be quoted); and the attribute compared is a string or a reference (or is unknown to the
    /// resource type, when it matches nothing whatever the value). Otherwise null, and the token is read as before.
    /// </summary>
    private FilterToken? TryReadUnquotedString(AttributePath path, AttributePath? valuePath)
    {
        if (_unquotedStringsFor is not { } resourceType)
        {
            return null;
        }

        var start = _token.End;
        while (start < _text.Length && char.IsWhiteSpace(_text[start]))
        {
            start++;
        }

        var end = start;
        while (end < _text.Length && !char.IsWhiteSpace(_text[end]) && _text[end] is not (')' or ']'))
        {
            if (_text[end] is '"' or '(' or '[' || char.IsControl(_text[end]))
            {
                return null;
            }

            end++;
        }

        if (end == start)
        {
            return null;
        }

        var text = _text[start..end];
        var normal = FilterLexer.Next(_text, start);
        if ((normal.Kind == FilterTokenKind.Number && normal.End == end)
            || text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("false", StringComparison.OrdinalIgnoreCase)
            || text.Equals("null", StringComparison.OrdinalIgnoreCase) || text.Equals("and", StringComparison.OrdinalIgnoreCase)
            || text.Equals("or", StringComparison.OrdinalIgnoreCase) || text.Equals("not", StringComparison.OrdinalIgnoreCase)
            || text.Equals("pr", StringComparison.OrdinalIgnoreCase) || IsOperatorName(text)
            || IsAttributePath(text, resourceType, valuePath) || !ComparesAsString(path, valuePath, resourceType))
        {
            return null;
        }

        return new FilterToken(FilterTokenKind.String, start, end, text);
    }

    private static bool IsAttributePath(string text, ResourceTypeDefinition resourceType, AttributePath? valuePath) =>
        AttributeResolver.Resolve(text, resourceType) is not null
        || (valuePath is not null && AttributeResolver.Resolve(valuePath, resourceType)?.Attribute.FindSubAttribute(text) is not null);

    /// <summary>True when the value <paramref name="path"/> compares is a string or a reference, or is not defined at all.</summary>
    private static bool ComparesAsString(AttributePath path, AttributePath? valuePath, ResourceTypeDefinition resourceType)
    {
        AttributeDefinition? target;
        if (valuePath is null)
        {
            var resolved = AttributeResolver.Resolve(path, resourceType);
            target = resolved is null ? null
                : resolved.SubAttribute ?? (resolved.Attribute.Type == ScimAttributeType.Complex ? resolved.Attribute.FindSubAttribute("value") : resolved.Attribute);
            if (resolved is not null && target is null)
            {
                return false;
            }
        }
        else
        {
            var parent = AttributeResolver.Resolve(valuePath, resourceType)?.Attribute;
            target = parent is null ? null
                : parent.Type != ScimAttributeType.Complex ? (string.Equals(path.Name, "value", StringComparison.OrdinalIgnoreCase) ? parent : null)
                : parent.FindSubAttribute(path.Name);
        }

        return target is null || target.Type is ScimAttributeType.String or ScimAttributeType.Reference;
    }

    private FilterLiteral ParseLiteral()
    {
        FilterLiteral literal;
        if (_token.Kind == FilterTokenKind.String)
        {
            literal = FilterLiteral.FromString(_token.Text);
        }
        else if (_token.Kind == FilterTokenKind.Number)
        {
            literal = FilterLiteral.FromNumber(_token.Text);
        }
        else if (_token.IsKeyword("true"))
        {
            literal = FilterLiteral.True;
        }
        else if (_token.IsKeyword("false"))
        {
            literal = FilterLiteral.False;
        }
        else if (_token.IsKeyword("null"))
        {
            literal = FilterLiteral.Null;
        }
        else if (_token.Kind == FilterTokenKind.Name)
        {
            throw Fail("Expected a comparison value", $"strings must be in double quotes: \"{_token.Text}\"");
        }
        else
        {
            throw Fail("Expected a comparison value");
        }

        Advance();
        return literal;
    }

    private AttributePath ParseAttributePath()
    {
        if (_token.Kind != FilterTokenKind.Name)
        {
            throw Fail("Expected an attribute path");
        }

        var text = _token.Text;
        string? urn = null;
        var rest = text;
        if (text.StartsWith("urn:", StringComparison.OrdinalIgnoreCase))
        {
            // Attribute names never contain ':', so the URN ends at the last one ("urn:…:2.0:User:manager.value").
            var lastColon = text.LastIndexOf(':');
            urn = text[..lastColon];
            rest = text[(lastColon + 1)..];
            if (urn.Length <= "urn:".Length || urn.EndsWith(':'))
            {
                throw Fail($"Invalid schema URN in attribute path '{text}'");
            }
        }

        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        var name = dot < 0 ? rest : rest[..dot];
        var subAttribute = dot < 0 ? null : rest[(dot + 1)..];
        if (!AttributeResolver.IsAttributeName(name) || (subAttribute is not null && !AttributeResolver.IsAttributeName(subAttribute)))
        {
            throw Fail($"Invalid attribute path '{text}'");
        }

        if (_inBrackets && (urn is not null || subAttribute is not null))
        {
            throw Fail($"Expected a sub-attribute name inside the value filter, not '{text}'");
        }

        Advance();
        return new AttributePath(urn, name, subAttribute);
    }

    private string ParseSubAttributeName()
    {
        if (_token.Kind != FilterTokenKind.Name || !AttributeResolver.IsAttributeName(_token.Text))
        {
            throw Fail("Expected a sub-attribute name after '.'");
        }

        var name = _token.Text;
        Advance();
        return name;
    }

    private void ExpectEnd()
    {
        if (_token.Kind != FilterTokenKind.End)
        {
            throw _token.Kind switch
            {
                FilterTokenKind.Name when IsOperatorName(_token.Text) || _token.IsKeyword("pr") => Fail($"Unexpected operator '{_token.Text}'"),
                _ => Fail(_isPatchPath ? "Unexpected text after the path" : "Expected 'and', 'or' or the end of the filter"),
            };
        }
    }

    private void Advance()
    {
        _token = FilterLexer.Next(_text, _token.End);
        ThrowIfLexicalError();
    }

    /// <summary>Lexical errors are reported where they occur, whatever the parser expected there.</summary>
    private void ThrowIfLexicalError()
    {
        if (_token.Kind == FilterTokenKind.Error)
        {
            throw Fail(_token.Text);
        }
    }

    private void Enter()
    {
        if (++_depth > _limits.MaxDepth)
        {
            throw Fail($"Filter is nested deeper than {_limits.MaxDepth} levels");
        }
    }

    private FilterNode Count(FilterNode node)
    {
        if (++_nodes > _limits.MaxNodes)
        {
            throw Fail($"Filter has more than {_limits.MaxNodes} expressions");
        }

        return node;
    }

    private ScimException Fail(string message, string? hint = null)
    {
        var detail = $"{message} at position {_token.Position} in {(_isPatchPath ? "path" : "filter")} '{_text}'"
            + (hint is null ? "." : $"; {hint}.");
        return new ScimException(400, _isPatchPath && !_inBrackets ? ScimType.InvalidPath : ScimType.InvalidFilter, detail) { Position = _token.Position };
    }

    private static bool IsOperatorName(string text)
    {
        foreach (var op in s_operators)
        {
            if (string.Equals(op, text, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static ComparisonOperator ParseOperator(string text) => text.ToUpperInvariant() switch
    {
        "EQ" => ComparisonOperator.Eq,
        "NE" => ComparisonOperator.Ne,
        "CO" => ComparisonOperator.Co,
        "SW" => ComparisonOperator.Sw,
        "EW" => ComparisonOperator.Ew,
        "GT" => ComparisonOperator.Gt,
        "GE" => ComparisonOperator.Ge,
        "LT" => ComparisonOperator.Lt,
        _ => ComparisonOperator.Le,
    };
}
