namespace ScimFunctions.LoadTool.Scenarios;

/// <summary>
/// A steady mixed load for a duration over an existing population, in a fixed proportion per 20 requests:
/// 8 userName filters, 3 GET user, 3 PATCH user, 2 creates, 1 member add, 1 member remove, 1 GET group,
/// 1 list page. Users are visited with a prime stride, so the mix is deterministic and spread over the tenant.
/// </summary>
internal sealed class MixedScenario : IScenario
{
    private enum Step
    {
        Filter,
        Get,
        Patch,
        Create,
        AddMember,
        RemoveMember,
        GetGroup,
        ListPage,
    }

    private static readonly Step[] _schedule =
    [
        Step.Filter, Step.Get, Step.Filter, Step.Patch, Step.Filter, Step.Create, Step.Filter, Step.AddMember, Step.Get, Step.Filter,
        Step.Patch, Step.Filter, Step.GetGroup, Step.Filter, Step.Get, Step.RemoveMember, Step.Filter, Step.Patch, Step.Create, Step.ListPage,
    ];

    public string Name => "mixed";

    public IReadOnlyList<Phase> Phases(ScenarioContext context) =>
    [
        .. SeedPhases.EnsurePopulation(context),
        Phase.Timed("mixed", context.Settings.Duration, (k, ct) => StepAsync(context, k, ct)),
    ];

    /// <summary>The <paramref name="k"/>th request of the mix.</summary>
    public static async Task StepAsync(ScenarioContext context, int k, CancellationToken cancellationToken)
    {
        var population = context.Population;
        var operations = context.Operations;
        var i = population.Users == 0 ? 0 : (int)((long)k * 7919 % population.Users);
        switch (_schedule[k % _schedule.Length])
        {
            case Step.Filter:
                await operations.FindUserAsync("userName", population.UserName(i), cancellationToken);
                break;
            case Step.Get:
                await operations.GetUserAsync(await context.UserIdAsync(i, cancellationToken), cancellationToken);
                break;
            case Step.Patch:
                await operations.ReplaceUserAsync(await context.UserIdAsync(i, cancellationToken), active: true, string.Create(CultureInfo.InvariantCulture, $"Mixed {k}"), cancellationToken);
                break;
            case Step.Create:
                var userName = string.Create(CultureInfo.InvariantCulture, $"{population.Prefix}.mixed.{context.Settings.RunId}.{k}@loadtest.example");
                await operations.EnsureUserAsync(Population.UserDocument(userName, Guid.NewGuid().ToString(), k), cancellationToken);
                break;
            case Step.AddMember when population.Groups > 0:
                await operations.AddMembersAsync(await context.GroupIdAsync(population.GroupOf(i), cancellationToken), [await context.UserIdAsync(i, cancellationToken)], cancellationToken);
                break;
            case Step.RemoveMember when population.Groups > 0:
                await operations.RemoveMembersAsync(await context.GroupIdAsync(population.GroupOf(i), cancellationToken), [await context.UserIdAsync(i, cancellationToken)], cancellationToken);
                break;
            case Step.GetGroup when population.Groups > 0:
                await operations.GetGroupAsync(await context.GroupIdAsync(population.GroupOf(i), cancellationToken), cancellationToken);
                break;
            case Step.ListPage:
                await operations.ImportPageAsync(1 + (i / 100 * 100), 100, cancellationToken);
                break;
            default:
                await operations.FindUserAsync("userName", population.UserName(i), cancellationToken);
                break;
        }
    }
}
