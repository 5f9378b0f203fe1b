using System.Text.Json;

namespace ScimFunctions.Core.Schemas;

/// <summary>Validating reader behind <see cref="SchemaJson.FromJson"/>.</summary>
internal static class SchemaJsonReader
{
    private const int MaxAttributes = 500;

    public static SchemaDefinition Read(JsonNode? json)
    {
        if (json is not JsonObject schema)
        {
            throw Invalid("A schema must be a JSON object.");
        }

        var id = RequiredString(schema, "id", "schema");
        if (!id.StartsWith("urn:", StringComparison.OrdinalIgnoreCase) || id.Length < 6 || id.Any(char.IsWhiteSpace) || id.EndsWith(':'))
        {
            throw Invalid($"Schema id '{id}' must be a URN (e.g. urn:example:params:scim:schemas:extension:acme:2.0:User).");
        }

        var name = OptionalString(schema, "name", "schema") ?? string.Empty;
        var description = OptionalString(schema, "description", "schema") ?? string.Empty;
        if (Get(schema, "attributes") is not JsonArray attributes)
        {
            throw Invalid("Schema member 'attributes' must be an array.");
        }

        return new SchemaDefinition(id, name, description, ReadAttributes(attributes, "attributes", isSubAttribute: false));
    }

    private static List<AttributeDefinition> ReadAttributes(JsonArray array, string where, bool isSubAttribute)
    {
        if (array.Count > MaxAttributes)
        {
            throw Invalid($"'{where}' has more than {MaxAttributes} attributes.");
        }

        var result = new List<AttributeDefinition>(array.Count);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < array.Count; i++)
        {
            var attribute = ReadAttribute(array[i], $"{where}[{i}]", isSubAttribute);
            if (!names.Add(attribute.Name))
            {
                throw Invalid($"'{where}' defines '{attribute.Name}' more than once.");
            }

            result.Add(attribute);
        }

        return result;
    }

    private static AttributeDefinition ReadAttribute(JsonNode? node, string where, bool isSubAttribute)
    {
        if (node is not JsonObject json)
        {
            throw Invalid($"'{where}' must be a JSON object.");
        }

        var name = RequiredString(json, "name", where);
        if (!Schemas.AttributeResolver.IsAttributeName(name))
        {
            throw Invalid($"'{where}.name' ('{name}') is not a valid attribute name (a letter followed by letters, digits, '-' or '_').");
        }

        where = $"{where} ('{name}')";
        var type = RequiredEnum<ScimAttributeType>(json, "type", where);
        var subAttributes = Get(json, "subAttributes");
        IReadOnlyList<AttributeDefinition>? subs = null;
        if (type == ScimAttributeType.Complex)
        {
            if (isSubAttribute)
            {
                throw Invalid($"{where}: a sub-attribute cannot be complex (RFC 7643 §2.3.8).");
            }

            if (subAttributes is not JsonArray { Count: > 0 } subArray)
            {
                throw Invalid($"{where}: a complex attribute needs a non-empty 'subAttributes' array.");
            }

            subs = ReadAttributes(subArray, where + ".subAttributes", isSubAttribute: true);
        }
        else if (subAttributes is JsonArray { Count: > 0 } or JsonValue or JsonObject)
        {
            throw Invalid($"{where}: only complex attributes have 'subAttributes'.");
        }

        return new AttributeDefinition(
            name,
            type,
            multiValued: OptionalBool(json, "multiValued", where),
            description: OptionalString(json, "description", where) ?? string.Empty,
            required: OptionalBool(json, "required", where),
            caseExact: OptionalBool(json, "caseExact", where),
            mutability: OptionalEnum(json, "mutability", where, Mutability.ReadWrite),
            returned: OptionalEnum(json, "returned", where, Returned.Default),
            uniqueness: OptionalEnum(json, "uniqueness", where, Uniqueness.None),
            canonicalValues: OptionalStrings(json, "canonicalValues", where),
            referenceTypes: OptionalStrings(json, "referenceTypes", where),
            subAttributes: subs);
    }

    private static JsonNode? Get(JsonObject json, string member)
    {
        if (json.TryGetPropertyValue(member, out var exact))
        {
            return exact;
        }

        foreach (var (key, value) in json)
        {
            if (string.Equals(key, member, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    private static string RequiredString(JsonObject json, string member, string where) =>
        OptionalString(json, member, where) is { Length: > 0 } text ? text : throw Invalid($"{where}: '{member}' is required and must be a non-empty string.");

    private static string? OptionalString(JsonObject json, string member, string where) => Get(json, member) switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => throw Invalid($"{where}: '{member}' must be a string."),
    };

    private static bool OptionalBool(JsonObject json, string member, string where) => Get(json, member) switch
    {
        null => false,
        JsonValue value when value.GetValueKind() == JsonValueKind.True => true,
        JsonValue value when value.GetValueKind() == JsonValueKind.False => false,
        _ => throw Invalid($"{where}: '{member}' must be true or false."),
    };

    private static T RequiredEnum<T>(JsonObject json, string member, string where)
        where T : struct, Enum =>
        Get(json, member) is null ? throw Invalid($"{where}: '{member}' is required.") : OptionalEnum(json, member, where, default(T));

    private static T OptionalEnum<T>(JsonObject json, string member, string where, T fallback)
        where T : struct, Enum
    {
        var text = OptionalString(json, member, where);
        if (text is null)
        {
            return fallback;
        }

        return SchemaJsonNames.TryParse<T>(text, out var value)
            ? value
            : throw Invalid($"{where}: '{member}' must be one of {string.Join(", ", SchemaJsonNames.AllNames<T>())}.");
    }

    private static string[]? OptionalStrings(JsonObject json, string member, string where)
    {
        switch (Get(json, member))
        {
            case null:
                return null;
            case JsonArray array:
                var result = new string[array.Count];
                for (var i = 0; i < array.Count; i++)
                {
                    result[i] = array[i] is JsonValue value && value.GetValueKind() == JsonValueKind.String
                        ? value.GetValue<string>()
                        : throw Invalid($"{where}: '{member}' must be an array of strings.");
                }

                return result;
            default:
                throw Invalid($"{where}: '{member}' must be an array of strings.");
        }
    }

    private static ScimException Invalid(string detail) => ScimException.InvalidValue(detail);
}
