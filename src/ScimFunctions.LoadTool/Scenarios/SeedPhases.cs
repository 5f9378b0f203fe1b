namespace ScimFunctions.LoadTool.Scenarios;

/// <summary>Unmeasured preparation: make sure the population exists (created through the API when missing).</summary>
internal static class SeedPhases
{
    public static IEnumerable<Phase> EnsurePopulation(ScenarioContext context)
    {
        yield return Phase.Counted("seed users", context.Population.Users, (i, ct) => context.UserIdAsync(i, ct), measured: false);
        yield return Phase.Counted("seed groups", context.Population.Groups, (j, ct) => context.GroupIdAsync(j, ct), measured: false);
    }
}
