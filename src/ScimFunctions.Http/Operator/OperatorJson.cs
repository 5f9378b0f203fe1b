using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ScimFunctions.Core;
using ScimFunctions.Core.Errors;
using ScimFunctions.Core.Schemas;
using ScimFunctions.Http.Pipeline;
using ScimFunctions.Http.Routing;

namespace ScimFunctions.Http.Operator;

/// <summary>JSON shapes of the operator API: camelCase, enums as strings, unknown properties refused (a typo is a 400, not a silent default).</summary>
public static class OperatorJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(), new TenantIdConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static T Read<T>(JsonNode? node, string what)
    {
        try
        {
            return node.Deserialize<T>(Options) ?? throw ScimException.InvalidValue($"The {what} is missing.");
        }
        catch (JsonException error)
        {
            throw ScimException.InvalidValue($"The {what} is not valid{(error.Path is { } path ? " at " + path : string.Empty)}.");
        }
    }

    public static JsonNode? Write<T>(T value) => JsonSerializer.SerializeToNode(value, Options);

    /// <summary>
    /// <paramref name="current"/> changed by <paramref name="changes"/>, member by member (names case-insensitive): a
    /// member with a value sets that setting, a member whose value is null returns it to its default (for a quota:
    /// none), an absent member keeps the current value.
    /// </summary>
    public static T Merge<T>(T current, JsonNode? changes, string what)
    {
        if (changes is not JsonObject members)
        {
            throw ScimException.InvalidValue($"The {what} must be a JSON object of the settings to change.");
        }

        var merged = Write(current) as JsonObject ?? [];
        foreach (var (name, value) in members)
        {
            if (merged.FirstOrDefault(pair => string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase)).Key is { } existing)
            {
                merged.Remove(existing);
            }

            if (value is not null)
            {
                merged[name] = value.DeepClone();
            }
        }

        return Read<T>(merged, what);
    }

    /// <summary>Reads <c>{"User": [schema, …], "Group": […]}</c>; each schema must be a valid RFC 7643 §7 definition.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ExtensionSchemas(JsonNode? node)
    {
        if (node is null)
        {
            return new Dictionary<string, IReadOnlyList<string>>();
        }

        if (node is not JsonObject byType)
        {
            throw ScimException.InvalidValue("'extensionSchemas' maps a resource type (User, Group) to a list of schema definitions.");
        }

        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (typeName, schemas) in byType)
        {
            var canonical = typeName.Equals("User", StringComparison.OrdinalIgnoreCase) ? "User"
                : typeName.Equals("Group", StringComparison.OrdinalIgnoreCase) ? "Group"
                : throw ScimException.InvalidValue($"'{typeName}' is not a resource type; use User or Group.");
            if (schemas is not JsonArray list)
            {
                throw ScimException.InvalidValue($"'extensionSchemas.{typeName}' must be an array of schema definitions.");
            }

            result[canonical] = list.Select(schema =>
            {
                var definition = SchemaJson.FromJson(schema);
                if (!definition.Id.StartsWith("urn:", StringComparison.OrdinalIgnoreCase))
                {
                    throw ScimException.InvalidValue("An extension schema id must be a URN.");
                }

                return schema!.ToJsonString();
            }).ToList();
        }

        return result;
    }

    public static Task WriteAsync(ScimRequest request, int status, JsonNode body) =>
        ScimResponses.WriteJsonAsync(request.HttpContext, status, body, contentType: ScimResponses.JsonMediaType);

    private sealed class TenantIdConverter : JsonConverter<TenantId>
    {
        public override TenantId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            TenantId.TryParse(reader.GetString(), out var tenant) ? tenant : throw new JsonException("Not a tenant id.");

        public override void Write(Utf8JsonWriter writer, TenantId value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
    }
}
