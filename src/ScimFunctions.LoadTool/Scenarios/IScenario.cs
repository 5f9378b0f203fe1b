namespace ScimFunctions.LoadTool.Scenarios;

/// <summary>An identity provider's workload as phases.</summary>
internal interface IScenario
{
    string Name { get; }

    IReadOnlyList<Phase> Phases(ScenarioContext context);
}
