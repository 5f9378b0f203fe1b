using System.Collections.Concurrent;

namespace ScimFunctions.LoadTool.Scenarios;

/// <summary>What the phases of one run share: the requests, the population and the ids learnt so far.</summary>
internal sealed class ScenarioContext
{
    public ScenarioContext(ScimOperations operations, ScenarioSettings settings)
    {
        Operations = operations;
        Settings = settings;
        Population = new Population(settings.Prefix, settings.Users, settings.Groups);
    }

    public ScimOperations Operations { get; }
    public ScenarioSettings Settings { get; }
    public Population Population { get; }
    public ConcurrentDictionary<int, string> UserIds { get; } = new();
    public ConcurrentDictionary<int, string> GroupIds { get; } = new();

    public async Task<string> UserIdAsync(int i, CancellationToken cancellationToken) =>
        UserIds.TryGetValue(i, out var id) ? id : UserIds[i] = await Operations.EnsureUserAsync(Population.UserDocument(i), cancellationToken);

    public async Task<string> GroupIdAsync(int j, CancellationToken cancellationToken) =>
        GroupIds.TryGetValue(j, out var id) ? id : GroupIds[j] = await Operations.EnsureGroupAsync(Population.GroupDocument(j), cancellationToken);
}
