using System.Globalization;
using System.Text.Json;

namespace ScimFunctions.Core.Values;

/// <summary>
/// One simple attribute value converted to the type its <see cref="AttributeDefinition"/> declares (RFC 7643 §2.3), so
/// that filters and sorting compare by type: strings and references as text (honouring <see cref="CaseExact"/>), binary as
/// exact text, booleans (also the strings "True"/"False" identity providers send), integers and decimals as numbers,
/// dateTimes as instants.
/// </summary>
public readonly struct ScimValue
{
    private ScimValue(ScimAttributeType type, bool caseExact, string? text, decimal number, DateTimeOffset dateTime, bool boolean)
    {
        Type = type;
        CaseExact = caseExact;
        Text = text;
        Number = number;
        DateTime = dateTime;
        Boolean = boolean;
    }

    public ScimAttributeType Type { get; }

    /// <summary>Whether text comparisons are case-sensitive (the attribute's <c>caseExact</c>; always true for binary).</summary>
    public bool CaseExact { get; }

    /// <summary>The text of a string, reference or binary value.</summary>
    public string? Text { get; }

    /// <summary>The number of an integer or decimal value.</summary>
    public decimal Number { get; }

    /// <summary>The instant of a dateTime value.</summary>
    public DateTimeOffset DateTime { get; }

    /// <summary>The truth of a boolean value.</summary>
    public bool Boolean { get; }

    /// <summary>Converts a document value; false when it is absent, null, complex, or not of the attribute's type.</summary>
    public static bool TryFromJson(JsonNode? node, AttributeDefinition attribute, out ScimValue value)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        value = default;
        if (node is not JsonValue json)
        {
            return false;
        }

        switch (json.GetValueKind())
        {
            case JsonValueKind.String:
                return JsonText.TryGetString(json, out var text) && TryFromText(text, attribute, out value);
            case JsonValueKind.True or JsonValueKind.False when attribute.Type == ScimAttributeType.Boolean:
                value = FromBoolean(json.GetValueKind() == JsonValueKind.True);
                return true;
            case JsonValueKind.Number when attribute.Type is ScimAttributeType.Integer or ScimAttributeType.Decimal:
                if (TryGetDecimal(json, out var number))
                {
                    value = new ScimValue(attribute.Type, true, null, number, default, false);
                    return true;
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>
    /// Converts text (a JSON string in a document, or a filter's string or number literal) to the attribute's type:
    /// "true"/"false" in any case for booleans, invariant numbers, ISO 8601 dateTimes.
    /// </summary>
    public static bool TryFromText(string text, AttributeDefinition attribute, out ScimValue value)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(attribute);
        value = default;
        switch (attribute.Type)
        {
            case ScimAttributeType.String or ScimAttributeType.Reference:
                value = new ScimValue(attribute.Type, attribute.CaseExact, text, 0, default, false);
                return true;
            case ScimAttributeType.Binary:
                value = new ScimValue(attribute.Type, true, text, 0, default, false);
                return true;
            case ScimAttributeType.Boolean when bool.TryParse(text, out var boolean):
                value = FromBoolean(boolean);
                return true;
            case ScimAttributeType.Integer or ScimAttributeType.Decimal
                when decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number):
                value = new ScimValue(attribute.Type, true, null, number, default, false);
                return true;
            case ScimAttributeType.DateTime
                when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var dateTime):
                value = new ScimValue(attribute.Type, true, null, 0, dateTime, false);
                return true;
            default:
                return false;
        }
    }

    public static ScimValue FromBoolean(bool value) => new(ScimAttributeType.Boolean, true, null, 0, default, value);

    public override string ToString() => Type switch
    {
        ScimAttributeType.Boolean => Boolean ? "true" : "false",
        ScimAttributeType.Integer or ScimAttributeType.Decimal => Number.ToString(CultureInfo.InvariantCulture),
        ScimAttributeType.DateTime => DateTime.ToString("O", CultureInfo.InvariantCulture),
        _ => Text ?? string.Empty,
    };

    private static bool TryGetDecimal(JsonValue json, out decimal number)
    {
        if (json.TryGetValue(out number))
        {
            return true;
        }

        if (json.TryGetValue<long>(out var integer))
        {
            number = integer;
            return true;
        }

        if (json.TryGetValue<int>(out var small))
        {
            number = small;
            return true;
        }

        if (json.TryGetValue<double>(out var real) && double.IsFinite(real) && Math.Abs(real) < 7.9e28)
        {
            number = (decimal)real;
            return true;
        }

        return decimal.TryParse(json.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number);
    }
}
