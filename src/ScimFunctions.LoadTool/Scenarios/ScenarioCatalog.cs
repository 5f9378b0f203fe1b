namespace ScimFunctions.LoadTool.Scenarios;

/// <summary>The scenarios by their command-line names.</summary>
internal static class ScenarioCatalog
{
    public static IReadOnlyList<string> Names { get; } = ["entra-initial", "entra-incremental", "okta-import", "mixed", "per-operation"];

    public static IScenario Create(string name) => name switch
    {
        "entra-initial" => new EntraInitialScenario(),
        "entra-incremental" => new EntraIncrementalScenario(),
        "okta-import" => new OktaImportScenario(),
        "mixed" => new MixedScenario(),
        "per-operation" => new PerOperationScenario(),
        _ => throw new ArgumentException($"Unknown scenario '{name}'. Known: {string.Join(", ", Names)}.", nameof(name)),
    };
}
