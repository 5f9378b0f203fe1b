using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace ScimFunctions.Core.Values;

/// <summary>
/// The one reader of a JSON string value's text, whatever .NET value backs the node: documents built in code may hold a
/// <see cref="DateTimeOffset"/> or <see cref="Guid"/> that serializes as a JSON string but is not a .NET string
/// (where <c>GetValue&lt;string&gt;()</c> and <c>TryGetValue&lt;string&gt;</c> fail).
/// </summary>
internal static class JsonText
{
    /// <summary>The text of <paramref name="node"/> when it is a JSON string.</summary>
    public static bool TryGetString(JsonNode? node, [NotNullWhen(true)] out string? text)
    {
        text = null;
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            return false;
        }

        if (value.TryGetValue(out text))
        {
            return true;
        }

        using var document = JsonDocument.Parse(value.ToJsonString());
        text = document.RootElement.GetString() ?? string.Empty;
        return true;
    }

    /// <summary>The text of a value known to be a JSON string (anything else is a bug: <see cref="InvalidOperationException"/>).</summary>
    public static string Of(JsonValue value) =>
        TryGetString(value, out var text) ? text : throw new InvalidOperationException($"A JSON {value?.GetValueKind()} is not a string.");
}
