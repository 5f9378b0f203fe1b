namespace ScimFunctions.LoadTool.Scenarios;

/// <summary>
/// One measured phase per kind of request, then the typical identity-provider mix (<see cref="MixedScenario"/>), over an
/// existing population after an unmeasured warm-up: each phase holds one operation only, so the process CPU and
/// allocations sampled around it (an in-process run's cost table) belong to that operation. <c>--operations</c> sets
/// the requests per phase (default 500), <c>--warm-up</c> the unmeasured requests before them.
/// </summary>
internal sealed class PerOperationScenario : IScenario
{
    private const int DefaultPerPhase = 500;
    private const int MinWarmUp = 1_000;

    /// <summary>The measured mix's request numbers start here, so its creates are new users, not the warm-up's.</summary>
    private const int MixOffset = 1_000_000;

    public string Name => "per-operation";

    public IReadOnlyList<Phase> Phases(ScenarioContext context)
    {
        var population = context.Population;
        var operations = context.Operations;
        var perPhase = context.Settings.Operations ?? DefaultPerPhase;
        if (population.Users == 0)
        {
            throw new ArgumentException("per-operation needs users (--users 1 or more).", nameof(context));
        }

        var users = population.Users;
        string UserId(int k) => context.UserIds[k % users];
        string GroupId(int k) => context.GroupIds[population.GroupOf(k % users)];
        string NewUserName(int k) => string.Create(CultureInfo.InvariantCulture, $"{population.Prefix}.cost.{context.Settings.RunId}.{k}@loadtest.example");

        var phases = new List<Phase>(SeedPhases.EnsurePopulation(context))
        {
            Phase.Counted("warm-up (mix)", context.Settings.WarmUp ?? Math.Max(MinWarmUp, 2 * perPhase), (k, ct) => MixedScenario.StepAsync(context, k, ct), measured: false),
            Phase.Counted(OperationNames.GetUser, perPhase, (k, ct) => operations.GetUserAsync(UserId(k), ct)),
            Phase.Counted(OperationNames.FilterUserName + " (match)", perPhase, (k, ct) => operations.FindUserAsync("userName", population.UserName(k % users), ct)),
            Phase.Counted(OperationNames.FilterUserName + " (no match)", perPhase, (k, ct) => operations.FindUserAsync("userName", NewUserName(k), ct)),
            Phase.Counted(OperationNames.CreateUser, perPhase, (k, ct) => operations.CreateUserAsync(Population.UserDocument(NewUserName(k), Guid.NewGuid().ToString(), k), ct)),
            Phase.Counted(OperationNames.PatchUser, perPhase, (k, ct) => operations.ReplaceUserAsync(UserId(k), active: true, string.Create(CultureInfo.InvariantCulture, $"Cost {k}"), ct)),
        };
        if (population.Groups > 0)
        {
            phases.Add(Phase.Counted(OperationNames.GetGroup, perPhase, (k, ct) => operations.GetGroupAsync(GroupId(k), ct)));
            phases.Add(Phase.Counted(OperationNames.AddMembers, perPhase, (k, ct) => operations.AddMembersAsync(GroupId(k), [UserId(k)], ct)));
            phases.Add(Phase.Counted(OperationNames.RemoveMembers, perPhase, (k, ct) => operations.RemoveMembersAsync(GroupId(k), [UserId(k)], ct)));
        }

        phases.Add(Phase.Counted(OperationNames.ListByIndex, Math.Max(1, perPhase / 5), (k, ct) => operations.ImportPageAsync(1, 100, ct)));
        phases.Add(Phase.Counted(MixName, perPhase, (k, ct) => MixedScenario.StepAsync(context, MixOffset + k, ct)));
        return phases;
    }

    /// <summary>The name of the phase that runs the typical mix.</summary>
    public const string MixName = "typical IdP mix";
}
