using System.Text.Json.Nodes;

namespace ScimFunctions.Infra.Tests.Support;

/// <summary>One resource declared somewhere in the compiled template, modules (nested deployments) included.</summary>
/// <param name="Module">The symbolic name of the module that declares it; empty for the main template.</param>
/// <param name="Body">The resource as compiled (type, apiVersion, name, properties, ...).</param>
/// <param name="Template">The (nested) template that declares it, for its parameters and variables.</param>
internal sealed record ArmResource(string Module, JsonObject Body, JsonObject Template)
{
    public string Type => (string)Body["type"]!;

    public string Name => (string)Body["name"]!;

    public bool IsExisting => Body["existing"]?.GetValue<bool>() ?? false;

    /// <summary>
    /// The value at a dotted path under <c>properties</c>. A node that is a whole <c>[variables('name')]</c> reference (a
    /// variable imported from types.bicep compiles to one) is replaced by that variable's value, as ARM would.
    /// </summary>
    public JsonNode? Property(string path)
    {
        var node = Resolve(Body["properties"]);
        foreach (var segment in path.Split('.'))
        {
            node = Resolve(node?[segment]);
        }

        return node;
    }

    private JsonNode? Resolve(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue(out string? text)
            && text.StartsWith("[variables('", StringComparison.Ordinal) && text.EndsWith("')]", StringComparison.Ordinal)
            ? Template["variables"]?[text["[variables('".Length..^"')]".Length]]
            : node;
}

/// <summary>A compiled ARM template (languageVersion 1.0 resource arrays or 2.0 symbolic resources) made walkable.</summary>
internal sealed class ArmTemplate(JsonObject root)
{
    public JsonObject Root { get; } = root;

    public JsonObject Parameters => Root["parameters"]?.AsObject() ?? [];

    public JsonObject Variables => Root["variables"]?.AsObject() ?? [];

    public JsonObject Outputs => Root["outputs"]?.AsObject() ?? [];

    /// <summary>Every resource of the stamp, declared in the main template or in any module, existing references excluded.</summary>
    public IReadOnlyList<ArmResource> Resources => Collect(Root, module: "").Where(resource => !resource.IsExisting).ToArray();

    /// <summary>The module deployments of the main template, by symbolic name.</summary>
    public IReadOnlyDictionary<string, JsonObject> Modules =>
        Enumerate(Root)
            .Where(entry => (string?)entry.Body["type"] == "Microsoft.Resources/deployments")
            .ToDictionary(entry => entry.Key, entry => entry.Body);

    /// <summary>The only deployed resource of <paramref name="type"/>; fails when there is none or more than one.</summary>
    public ArmResource Single(string type)
    {
        var matches = OfType(type);
        Assert.True(matches.Count == 1, $"Expected exactly one {type}, found {matches.Count}.");
        return matches[0];
    }

    public IReadOnlyList<ArmResource> OfType(string type) =>
        Resources.Where(resource => string.Equals(resource.Type, type, StringComparison.OrdinalIgnoreCase)).ToArray();

    private static IEnumerable<ArmResource> Collect(JsonObject template, string module)
    {
        foreach (var (key, body) in Enumerate(template))
        {
            if ((string?)body["type"] == "Microsoft.Resources/deployments" && body["properties"]?["template"] is JsonObject nested)
            {
                foreach (var resource in Collect(nested, module.Length == 0 ? key : $"{module}/{key}"))
                {
                    yield return resource;
                }
            }
            else
            {
                yield return new ArmResource(module, body, template);
            }
        }
    }

    private static IEnumerable<(string Key, JsonObject Body)> Enumerate(JsonObject template) =>
        template["resources"] switch
        {
            JsonObject symbolic => symbolic.Select(pair => (pair.Key, pair.Value!.AsObject())),
            JsonArray array => array.Select((node, index) => (((string?)node!["name"]) ?? index.ToString(System.Globalization.CultureInfo.InvariantCulture), node!.AsObject())),
            _ => [],
        };
}
