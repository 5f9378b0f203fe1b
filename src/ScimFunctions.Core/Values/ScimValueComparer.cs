namespace ScimFunctions.Core.Values;

/// <summary>
/// Typed comparison of SCIM values (RFC 7644 §3.4.2.2): equality and ordering by the attribute's type, and the string
/// operators co / sw / ew. Shared by filter evaluation and sorting so both order values the same way.
/// </summary>
public static class ScimValueComparer
{
    /// <summary>Equality of two values of the same attribute.</summary>
    public static bool AreEqual(in ScimValue left, in ScimValue right) => left.Type == right.Type && Compare(left, right) == 0;

    /// <summary>
    /// Ordering of two values of the same attribute: text lexicographically by ordinal (ignoring case unless caseExact),
    /// numbers numerically, dateTimes chronologically, false before true.
    /// </summary>
    public static int Compare(in ScimValue left, in ScimValue right)
    {
        if (left.Type != right.Type)
        {
            return left.Type.CompareTo(right.Type);
        }

        return left.Type switch
        {
            ScimAttributeType.Boolean => left.Boolean.CompareTo(right.Boolean),
            ScimAttributeType.Integer or ScimAttributeType.Decimal => left.Number.CompareTo(right.Number),
            ScimAttributeType.DateTime => left.DateTime.CompareTo(right.DateTime),
            _ => string.Compare(left.Text, right.Text, TextComparison(left, right)),
        };
    }

    /// <summary><c>co</c>: the text of <paramref name="value"/> contains the text of <paramref name="operand"/>.</summary>
    public static bool Contains(in ScimValue value, in ScimValue operand) =>
        value.Text is not null && operand.Text is not null && value.Text.Contains(operand.Text, TextComparison(value, operand));

    /// <summary><c>sw</c>: the text of <paramref name="value"/> starts with the text of <paramref name="operand"/>.</summary>
    public static bool StartsWith(in ScimValue value, in ScimValue operand) =>
        value.Text is not null && operand.Text is not null && value.Text.StartsWith(operand.Text, TextComparison(value, operand));

    /// <summary><c>ew</c>: the text of <paramref name="value"/> ends with the text of <paramref name="operand"/>.</summary>
    public static bool EndsWith(in ScimValue value, in ScimValue operand) =>
        value.Text is not null && operand.Text is not null && value.Text.EndsWith(operand.Text, TextComparison(value, operand));

    /// <summary>Equality of two document values of <paramref name="attribute"/>; values not of its type are equal to nothing.</summary>
    public static bool AreEqual(JsonNode? left, JsonNode? right, AttributeDefinition attribute) =>
        ScimValue.TryFromJson(left, attribute, out var l) && ScimValue.TryFromJson(right, attribute, out var r) && AreEqual(l, r);

    /// <summary>
    /// Ordering of two document values of <paramref name="attribute"/>. Absent values (and values not of its type) order
    /// after every value and equal to each other.
    /// </summary>
    public static int Compare(JsonNode? left, JsonNode? right, AttributeDefinition attribute)
    {
        var hasLeft = ScimValue.TryFromJson(left, attribute, out var l);
        var hasRight = ScimValue.TryFromJson(right, attribute, out var r);
        return (hasLeft, hasRight) switch
        {
            (true, true) => Compare(l, r),
            (true, false) => -1,
            (false, true) => 1,
            _ => 0,
        };
    }

    private static StringComparison TextComparison(in ScimValue left, in ScimValue right) =>
        left.CaseExact && right.CaseExact ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
}
