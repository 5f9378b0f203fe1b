using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using ScimFunctions.Core.Values;

namespace ScimFunctions.Core.Resources;

/// <summary>
/// Checks and coerces one simple (non-complex) value to its RFC 7643 §2.3 data type. The coercions are the ones
/// identity providers need and nothing more:
/// <list type="bullet">
/// <item>boolean: JSON true/false; "true"/"false" strings in any case when <see cref="CompatibilityOptions.BooleanStrings"/> (Entra ID).</item>
/// <item>integer / decimal: JSON numbers, or strings holding an invariant-culture number (an integer must be integral).</item>
/// <item>string: JSON strings; a JSON number is accepted as its text (OneLogin templates send employeeNumber: 7).</item>
/// <item>dateTime: an xsd:dateTime string (ISO 8601 with 'T'), kept as written.</item>
/// <item>binary: a base64 string. reference: a string.</item>
/// </list>
/// </summary>
internal static class ScalarCoercion
{
    private static readonly string[] _dateTimeFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
    ];

    public static JsonValue Coerce(JsonNode value, AttributeDefinition definition, CompatibilityOptions options, string path)
    {
        if (value is not JsonValue scalar)
        {
            throw ScimException.InvalidValue($"Attribute '{path}' must be a single {TypeName(definition.Type)} value.");
        }

        var kind = scalar.GetValueKind();
        return definition.Type switch
        {
            ScimAttributeType.String => kind switch
            {
                JsonValueKind.String => Clone(scalar),
                JsonValueKind.Number => JsonValue.Create(scalar.ToJsonString()),
                _ => throw Mismatch(path, definition.Type),
            },
            ScimAttributeType.Boolean => JsonValue.Create(ToBoolean(scalar, kind, options, path)),
            ScimAttributeType.Integer => JsonValue.Create(ToInteger(scalar, kind, path)),
            ScimAttributeType.Decimal => JsonValue.Create(ToDecimal(scalar, kind, path)),
            ScimAttributeType.DateTime => kind == JsonValueKind.String && IsDateTime(JsonText.Of(scalar))
                ? Clone(scalar)
                : throw ScimException.InvalidValue($"Attribute '{path}' must be a dateTime (xsd:dateTime, e.g. 2024-05-01T12:00:00Z)."),
            ScimAttributeType.Binary => kind == JsonValueKind.String && Base64.IsValid(JsonText.Of(scalar))
                ? Clone(scalar)
                : throw ScimException.InvalidValue($"Attribute '{path}' must be base64-encoded binary."),
            ScimAttributeType.Reference => kind == JsonValueKind.String ? Clone(scalar) : throw Mismatch(path, definition.Type),
            _ => throw Mismatch(path, definition.Type),
        };
    }

    /// <summary>True when <paramref name="text"/> is an xsd:dateTime (RFC 7643 §2.3.5).</summary>
    public static bool IsDateTime(string text) =>
        DateTimeOffset.TryParseExact(text, _dateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _);

    public static string TypeName(ScimAttributeType type) => SchemaJson.TypeToJson(type);

    private static bool ToBoolean(JsonValue value, JsonValueKind kind, CompatibilityOptions options, string path)
    {
        switch (kind)
        {
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.String when options.BooleanStrings:
                var text = JsonText.Of(value).Trim();
                if (string.Equals(text, "true", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }

                if (string.Equals(text, "false", StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }

                break;
        }

        throw ScimException.InvalidValue($"Attribute '{path}' must be a boolean (true or false).");
    }

    private static long ToInteger(JsonValue value, JsonValueKind kind, string path)
    {
        if (TryGetNumber(value, kind, out var number) && decimal.Truncate(number) == number && number is >= long.MinValue and <= long.MaxValue)
        {
            return (long)number;
        }

        throw ScimException.InvalidValue($"Attribute '{path}' must be an integer.");
    }

    private static decimal ToDecimal(JsonValue value, JsonValueKind kind, string path) =>
        TryGetNumber(value, kind, out var number) ? number : throw ScimException.InvalidValue($"Attribute '{path}' must be a decimal number.");

    private static bool TryGetNumber(JsonValue value, JsonValueKind kind, out decimal number)
    {
        number = 0;
        var text = kind switch
        {
            JsonValueKind.Number => value.ToJsonString(),
            JsonValueKind.String => JsonText.Of(value).Trim(),
            _ => null,
        };
        return text is not null && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number);
    }

    private static JsonValue Clone(JsonValue value) => (JsonValue)value.DeepClone();

    private static ScimException Mismatch(string path, ScimAttributeType type) =>
        ScimException.InvalidValue($"Attribute '{path}' must be a {TypeName(type)} value.");
}
