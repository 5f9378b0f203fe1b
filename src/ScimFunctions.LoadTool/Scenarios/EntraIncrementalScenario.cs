namespace ScimFunctions.LoadTool.Scenarios;

/// <summary>
/// Entra ID's incremental cycle over an existing population: match each changed user by userName or externalId
/// (alternately), then PATCH capitalised Replace ops with booleans as strings ("False" deactivates every tenth user);
/// every fifth change also moves the user out of and back into its group (Remove by value array, then Add).
/// </summary>
internal sealed class EntraIncrementalScenario : IScenario
{
    public string Name => "entra-incremental";

    public IReadOnlyList<Phase> Phases(ScenarioContext context)
    {
        var population = context.Population;
        var operations = context.Settings.Operations ?? population.Users;
        return
        [
            .. SeedPhases.EnsurePopulation(context),
            Phase.Counted("incremental", population.Users == 0 ? 0 : operations, async (k, ct) =>
            {
                var i = k % population.Users;
                var id = k % 2 == 0
                    ? await context.Operations.FindUserAsync("userName", population.UserName(i), ct)
                    : await context.Operations.FindUserAsync("externalId", population.ExternalId(i), ct);
                id ??= await context.UserIdAsync(i, ct);
                await context.Operations.ReplaceUserAsync(id, active: i % 10 != 9, string.Create(CultureInfo.InvariantCulture, $"Title {k}"), ct);
                if (k % 5 == 0 && population.Groups > 0)
                {
                    var groupId = await context.GroupIdAsync(population.GroupOf(i), ct);
                    await context.Operations.RemoveMembersAsync(groupId, [id], ct);
                    await context.Operations.AddMembersAsync(groupId, [id], ct);
                }
            }),
        ];
    }
}
