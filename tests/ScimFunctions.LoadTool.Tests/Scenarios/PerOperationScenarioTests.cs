using ScimFunctions.LoadTool.Client;
using ScimFunctions.LoadTool.Running;
using ScimFunctions.LoadTool.Scenarios;

namespace ScimFunctions.LoadTool.Tests.Scenarios;

public class PerOperationScenarioTests
{
    [Fact]
    public void The_warm_up_runs_the_requests_asked_for_unmeasured_before_every_measured_phase()
    {
        var phases = Phases(new ScenarioSettings { Users = 10, Groups = 2, Operations = 50, WarmUp = 30_000 });

        var warmUp = Assert.Single(phases, p => p.Name == "warm-up (mix)");
        Assert.Equal(30_000, warmUp.Count);
        Assert.False(warmUp.Measured);
        var index = phases.ToList().IndexOf(warmUp);
        Assert.All(phases.Take(index), p => Assert.False(p.Measured));
        Assert.All(phases.Skip(index + 1), p => Assert.True(p.Measured, p.Name));
    }

    [Fact]
    public void Without_a_warm_up_it_is_two_phases_or_1000_requests_whichever_is_more()
    {
        Assert.Equal(1_000, Phases(new ScenarioSettings { Users = 10, Operations = 50 }).Single(p => p.Name == "warm-up (mix)").Count);
        Assert.Equal(4_000, Phases(new ScenarioSettings { Users = 10, Operations = 2_000 }).Single(p => p.Name == "warm-up (mix)").Count);
    }

    private static IReadOnlyList<Phase> Phases(ScenarioSettings settings)
    {
        using var http = new HttpClient();
        var context = new ScenarioContext(new ScimOperations(new ScimClient(http, new Uri("http://127.0.0.1:1/scim/v2/t/"), "token")), settings);
        return new PerOperationScenario().Phases(context);
    }
}
