using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ScimFunctions.Infra.Tests.Support;

/// <summary>Assertions on compiled ARM values, which are either literals or "[expression]" strings.</summary>
internal static class ArmAssert
{
    /// <summary>Serializes JSON as written by the Bicep CLI (quotes in expressions are not escaped).</summary>
    public static JsonSerializerOptions Verbatim { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The text of a node: a string literal or expression as is, anything else as JSON.</summary>
    public static string Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : node?.ToJsonString(Verbatim) ?? "";

    public static void IsTrue(JsonNode? node, string what) =>
        Assert.True(node is JsonValue value && value.TryGetValue<bool>(out var literal) && literal, $"{what} must be the literal true, was {node?.ToJsonString() ?? "absent"}.");

    public static void IsFalse(JsonNode? node, string what) =>
        Assert.True(node is JsonValue value && value.TryGetValue<bool>(out var literal) && !literal, $"{what} must be the literal false, was {node?.ToJsonString() ?? "absent"}.");

    public static void IsLiteral(string expected, JsonNode? node, string what) =>
        Assert.True(node is JsonValue value && value.TryGetValue<string>(out var literal) && literal == expected, $"{what} must be the literal '{expected}', was {node?.ToJsonString() ?? "absent"}.");

    public static void IsParameter(string parameter, JsonNode? node, string what) =>
        Assert.True((string?)node == $"[parameters('{parameter}')]", $"{what} must come from parameter '{parameter}', was {node?.ToJsonString() ?? "absent"}.");

    /// <summary>The expression text of a module parameter passed by the main template.</summary>
    public static string ModuleParameter(ArmTemplate template, string module, string parameter)
    {
        Assert.True(template.Modules.TryGetValue(module, out var deployment), $"The main template has no module '{module}'.");
        var value = deployment["properties"]?["parameters"]?[parameter]?["value"];
        Assert.True(value is not null, $"Module '{module}' gets no parameter '{parameter}'.");
        return Text(value);
    }
}
