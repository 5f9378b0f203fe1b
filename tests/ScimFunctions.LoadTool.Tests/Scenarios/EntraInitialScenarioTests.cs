using ScimFunctions.LoadTool.Scenarios;

namespace ScimFunctions.LoadTool.Tests.Scenarios;

public class EntraInitialScenarioTests
{
    [Fact]
    public void Every_user_joins_exactly_one_group_in_chunks_no_larger_than_a_patch_carries()
    {
        var population = new Population("p", users: 95, groups: 4);

        var chunks = EntraInitialScenario.MembershipChunks(population, chunkSize: 10);

        Assert.Equal(Enumerable.Range(0, 95), chunks.SelectMany(c => c.Users).Order());
        Assert.All(chunks, c => Assert.InRange(c.Users.Count, 1, 10));
        Assert.All(chunks, c => Assert.All(c.Users, u => Assert.Equal(c.Group, u % 4)));
    }

    [Fact]
    public void Without_groups_there_are_no_memberships() =>
        Assert.Empty(EntraInitialScenario.MembershipChunks(new Population("p", 10, 0), 10));

    [Fact]
    public void The_population_is_deterministic_per_prefix()
    {
        var first = new Population("run1", 10, 2);
        var again = new Population("run1", 10, 2);
        var other = new Population("run2", 10, 2);

        Assert.Equal(first.UserName(7), again.UserName(7));
        Assert.Equal(first.ExternalId(7), again.ExternalId(7));
        Assert.NotEqual(first.ExternalId(7), other.ExternalId(7));
        Assert.NotEqual(first.ExternalId(7), first.ExternalId(8));
        Assert.True(Guid.TryParse(first.ExternalId(7), out _));
    }
}
