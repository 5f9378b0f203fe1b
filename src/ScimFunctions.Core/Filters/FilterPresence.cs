using System.Text.Json;
using ScimFunctions.Core.Values;

namespace ScimFunctions.Core.Filters;

/// <summary>RFC 7644 §3.4.2.2 <c>pr</c>: a non-empty value, or a complex value with at least one non-empty sub-value.</summary>
internal static class FilterPresence
{
    public static bool IsNonEmpty(JsonNode? node) => node switch
    {
        null => false,
        JsonArray array => array.Any(IsNonEmpty),
        JsonObject complex => complex.Any(member => IsNonEmpty(member.Value)),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.Null => false,
            JsonValueKind.String => JsonText.TryGetString(value, out var text) && text.Length > 0,
            _ => true,
        },
        _ => false,
    };
}
