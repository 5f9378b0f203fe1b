using ScimFunctions.Core.Values;

namespace ScimFunctions.Core.Filters;

/// <summary>
/// One comparison of a filter against the values of an attribute, typed by the attribute's definition. Operators that make
/// no sense for the type (ordering on boolean or binary, co/sw/ew on anything but text, a comparison with a complex
/// attribute) and literals that do not fit the type are 400 invalidFilter (RFC 7644 §3.4.2.2).
/// </summary>
internal static class FilterComparison
{
    /// <summary>Throws invalidFilter unless <paramref name="node"/> can be compared with values of <paramref name="target"/>; returns the operand (null for the null literal).</summary>
    public static ScimValue? CheckAndConvert(ComparisonNode node, AttributeDefinition target, string displayPath)
    {
        var op = node.Operator;
        var opName = op.ToString().ToLowerInvariant();
        var type = SchemaJsonNames.Of(target.Type);
        if (target.Type == ScimAttributeType.Complex)
        {
            throw ScimException.InvalidFilter($"Attribute '{displayPath}' is complex; compare one of its sub-attributes in filter '{node}'.");
        }

        if (op is ComparisonOperator.Co or ComparisonOperator.Sw or ComparisonOperator.Ew
            && target.Type is not (ScimAttributeType.String or ScimAttributeType.Reference))
        {
            throw ScimException.InvalidFilter($"Operator '{opName}' is not supported for the {type} attribute '{displayPath}' in filter '{node}'.");
        }

        if (op is ComparisonOperator.Gt or ComparisonOperator.Ge or ComparisonOperator.Lt or ComparisonOperator.Le
            && target.Type is ScimAttributeType.Boolean or ScimAttributeType.Binary)
        {
            throw ScimException.InvalidFilter($"Operator '{opName}' is not supported for the {type} attribute '{displayPath}' in filter '{node}'.");
        }

        var literal = node.Value;
        if (literal.Kind == FilterLiteralKind.Null)
        {
            return op is ComparisonOperator.Eq or ComparisonOperator.Ne
                ? null
                : throw ScimException.InvalidFilter($"Operator '{opName}' cannot compare with null in filter '{node}'.");
        }

        var converted = literal.Kind switch
        {
            FilterLiteralKind.True or FilterLiteralKind.False when target.Type == ScimAttributeType.Boolean =>
                ScimValue.FromBoolean(literal.Kind == FilterLiteralKind.True),
            FilterLiteralKind.String => Convert(literal.Text!, target),
            FilterLiteralKind.Number when target.Type is ScimAttributeType.Integer or ScimAttributeType.Decimal => Convert(literal.Text!, target),
            _ => (ScimValue?)null,
        };

        return converted ?? throw ScimException.InvalidFilter(
            $"The value {literal} is not a valid {type} for attribute '{displayPath}' in filter '{node}'"
            + (target.Type is ScimAttributeType.String or ScimAttributeType.Reference or ScimAttributeType.DateTime or ScimAttributeType.Binary ? "; use a quoted string." : "."));
    }

    /// <summary>True when any value matches; <c>ne</c> (and <c>eq null</c>) hold when no value is equal (so they match absent attributes).</summary>
    public static bool Matches(ComparisonOperator op, ScimValue? operand, FilterOperand values)
    {
        if (operand is not { } value)
        {
            var present = values.PresenceValues.Any(FilterPresence.IsNonEmpty);
            return op == ComparisonOperator.Ne ? present : !present;
        }

        if (op == ComparisonOperator.Ne)
        {
            return !Any(ComparisonOperator.Eq, value, values.Values, values.Target);
        }

        return Any(op, value, values.Values, values.Target);
    }

    private static bool Any(ComparisonOperator op, in ScimValue operand, IEnumerable<JsonNode?> values, AttributeDefinition target)
    {
        foreach (var node in values)
        {
            if (ScimValue.TryFromJson(node, target, out var value) && Holds(op, value, operand))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Holds(ComparisonOperator op, in ScimValue value, in ScimValue operand) => op switch
    {
        ComparisonOperator.Eq => ScimValueComparer.AreEqual(value, operand),
        ComparisonOperator.Co => ScimValueComparer.Contains(value, operand),
        ComparisonOperator.Sw => ScimValueComparer.StartsWith(value, operand),
        ComparisonOperator.Ew => ScimValueComparer.EndsWith(value, operand),
        ComparisonOperator.Gt => ScimValueComparer.Compare(value, operand) > 0,
        ComparisonOperator.Ge => ScimValueComparer.Compare(value, operand) >= 0,
        ComparisonOperator.Lt => ScimValueComparer.Compare(value, operand) < 0,
        ComparisonOperator.Le => ScimValueComparer.Compare(value, operand) <= 0,
        _ => !ScimValueComparer.AreEqual(value, operand),
    };

    private static ScimValue? Convert(string text, AttributeDefinition target) =>
        ScimValue.TryFromText(text, target, out var value) ? value : null;
}
