using System.Text.Json.Nodes;

namespace ScimFunctions.Core.Resources;

/// <summary>
/// The text of a string-kind <see cref="JsonValue"/>, whether it came from parsed JSON or was built from a CLR value
/// (e.g. a <see cref="DateTimeOffset"/> set by the store), where <c>GetValue&lt;string&gt;()</c> would throw.
/// </summary>
internal static class JsonText
{
    public static string Of(JsonValue value) =>
        value.TryGetValue<string>(out var text) ? text : JsonNode.Parse(value.ToJsonString())!.GetValue<string>();
}
