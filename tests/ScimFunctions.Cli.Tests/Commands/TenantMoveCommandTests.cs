using ScimFunctions.Cli.Tests.Support;
using ScimFunctions.Testing;

namespace ScimFunctions.Cli.Tests.Commands;

/// <summary>scimctl tenant move: runs a move as far as it goes (progress on standard error), shows it, refuses what cannot be done.</summary>
public sealed class TenantMoveCommandTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    static TenantMoveCommandTests()
    {
        // A tenant's first move waits for every host's cache to see its fence; no host runs here.
        Environment.SetEnvironmentVariable("Scim__Storage__MoveFenceSettleSeconds", "0");
    }

    private ScimCtlRunner Cli => new(azurite.ConnectionString);

    [Fact]
    public async Task A_move_to_a_silo_table_runs_to_the_retained_source_and_status_shows_it_and_a_second_target_is_409()
    {
        var tenant = TestNames.TenantId();
        var table = TestNames.TableName("silo");
        await Cli.JsonAsync("tenant", "create", tenant);
        await Cli.JsonAsync("demo", "seed", "--tenant", tenant, "--users", "30");

        var moved = await Cli.RunAsync("tenant", "move", tenant, "--to", "silo-table", table);
        var status = await Cli.JsonAsync("tenant", "move", tenant, "--status");
        var other = await Cli.RunAsync("tenant", "move", tenant, "--to", "pool");
        var rollback = await Cli.RunAsync("tenant", "move", tenant, "--rollback");
        var shown = await Cli.JsonAsync("tenant", "show", tenant);

        Assert.True(moved.ExitCode == 0, moved.Error);
        var json = System.Text.Json.Nodes.JsonNode.Parse(moved.Output)!;
        Assert.Equal(("SourceRetained", table, "Pool"), ((string)json["state"]!, (string)json["target"]!["tableName"]!, (string)json["source"]!["isolation"]!));
        Assert.True((long)json["rowsCopied"]! > 30);
        Assert.Contains("copying: rows", moved.Error, StringComparison.Ordinal);
        Assert.Equal("SourceRetained", (string)status["state"]!);
        Assert.Equal(409, (int)other.ErrorJson["error"]!["status"]!);
        Assert.Equal(409, (int)rollback.ErrorJson["error"]!["status"]!);
        Assert.Equal("SiloTable", (string)shown["isolation"]!);
    }

    [Fact]
    public async Task A_target_that_is_not_pool_silo_table_or_silo_account_is_a_usage_error()
    {
        var tenant = TestNames.TenantId();
        await Cli.JsonAsync("tenant", "create", tenant);

        var refused = await Cli.RunAsync("tenant", "move", tenant, "--to", "mars");
        var noTable = await Cli.RunAsync("tenant", "move", tenant, "--to", "silo-table");
        var nothing = await Cli.RunAsync("tenant", "move", tenant);

        Assert.NotEqual(0, refused.ExitCode);
        Assert.NotEqual(0, noTable.ExitCode);
        Assert.Equal(400, (int)nothing.ErrorJson["error"]!["status"]!);
        Assert.Equal(404, (int)(await Cli.RunAsync("tenant", "move", tenant, "--status")).ErrorJson["error"]!["status"]!);
    }
}
