using System.Text.Json;
using System.Text.Json.Nodes;

namespace ScimFunctions.Core.Values;

/// <summary>
/// The string of a JSON string value, whatever .NET value backs the node: documents built in code may hold a
/// <see cref="DateTimeOffset"/> or <see cref="Guid"/> that serializes as a JSON string but is not a .NET string.
/// </summary>
internal static class JsonText
{
    public static bool TryGetString(JsonNode? node, out string text)
    {
        text = string.Empty;
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            return false;
        }

        if (value.TryGetValue<string>(out var direct))
        {
            text = direct;
            return true;
        }

        using var document = JsonDocument.Parse(value.ToJsonString());
        text = document.RootElement.GetString() ?? string.Empty;
        return true;
    }
}
