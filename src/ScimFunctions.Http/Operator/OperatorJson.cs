using System.Text.Json;
using System.Text.Json.Serialization;

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

    public static Task WriteAsync(ScimRequest request, int status, JsonNode body) =>
        ScimResponses.WriteJsonAsync(request.HttpContext, status, body, contentType: ScimResponses.JsonMediaType);

    private sealed class TenantIdConverter : JsonConverter<TenantId>
    {
        public override TenantId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            TenantId.TryParse(reader.GetString(), out var tenant) ? tenant : throw new JsonException("Not a tenant id.");

        public override void Write(Utf8JsonWriter writer, TenantId value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
    }
}
