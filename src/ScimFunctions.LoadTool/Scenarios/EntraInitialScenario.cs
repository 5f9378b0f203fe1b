namespace ScimFunctions.LoadTool.Scenarios;

/// <summary>
/// Entra ID's initial cycle: match each user by userName and create it when missing, the same for groups (created
/// with empty members, read with excludedAttributes=members), then add members by PATCH in value-array chunks.
/// </summary>
internal sealed class EntraInitialScenario : IScenario
{
    public string Name => "entra-initial";

    public IReadOnlyList<Phase> Phases(ScenarioContext context)
    {
        var population = context.Population;
        var chunks = MembershipChunks(population, context.Settings.MembersPerPatch);
        return
        [
            Phase.Counted("users", population.Users, (i, ct) => context.UserIdAsync(i, ct)),
            Phase.Counted("groups", population.Groups, (j, ct) => context.GroupIdAsync(j, ct)),
            Phase.Counted("memberships", chunks.Count, async (k, ct) =>
            {
                var (group, users) = chunks[k];
                var userIds = new List<string>(users.Count);
                foreach (var i in users)
                {
                    userIds.Add(await context.UserIdAsync(i, ct));
                }

                await context.Operations.AddMembersAsync(await context.GroupIdAsync(group, ct), userIds, ct);
            }),
        ];
    }

    /// <summary>Each user joins one group round robin; each group's members are added <paramref name="chunkSize"/> per PATCH.</summary>
    internal static IReadOnlyList<(int Group, IReadOnlyList<int> Users)> MembershipChunks(Population population, int chunkSize)
    {
        if (population.Groups == 0)
        {
            return [];
        }

        return [.. Enumerable.Range(0, population.Users)
            .GroupBy(population.GroupOf)
            .SelectMany(g => g.Chunk(chunkSize).Select(chunk => (g.Key, (IReadOnlyList<int>)chunk)))];
    }
}
