using System.Text.Json.Nodes;

namespace ScimFunctions.FunctionApp.Tests.Support;

/// <summary>
/// One function as the SDK describes it to the Functions host in functions.metadata: its name, the C# method
/// (<c>Namespace.Class.Method</c>) and assembly, and its trigger binding's type ("httpTrigger"), auth level, HTTP
/// methods (lower case) and route template.
/// </summary>
public sealed record FunctionDescription(string Name, string EntryPoint, string ScriptFile, string? TriggerType, string? AuthLevel, IReadOnlyList<string> Methods, string? Route);

/// <summary>Reads the functions.metadata the Functions SDK wrote into the Function App's build output.</summary>
public static class FunctionMetadata
{
    public const string FileName = "functions.metadata";

    /// <summary>The metadata of the built app.</summary>
    public static JsonArray ReadBuilt() => JsonNode.Parse(File.ReadAllText(FunctionAppOutput.File(FileName)))!.AsArray();

    public static IReadOnlyList<FunctionDescription> Describe(JsonArray metadata) =>
        metadata.Select(function =>
        {
            var trigger = function!["bindings"]!.AsArray().FirstOrDefault(b => ((string?)b!["type"])?.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase) == true);
            return new FunctionDescription(
                (string)function["name"]!,
                (string)function["entryPoint"]!,
                (string)function["scriptFile"]!,
                (string?)trigger?["type"],
                (string?)trigger?["authLevel"],
                trigger?["methods"]?.AsArray().Select(m => ((string)m!).ToLowerInvariant()).ToList() ?? [],
                (string?)trigger?["route"]);
        }).ToList();

    /// <summary>The functions of the built app.</summary>
    public static IReadOnlyList<FunctionDescription> Built { get; } = Describe(ReadBuilt());
}
