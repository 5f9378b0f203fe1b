using ScimFunctions.Cli.Tests.Support;
using ScimFunctions.Testing;

namespace ScimFunctions.Cli.Tests.Commands;

/// <summary>scimctl refuses silo table names that are not the tenant's to take, and purges deleted incarnations.</summary>
public sealed class SiloAndPurgeCommandTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private ScimCtlRunner Cli => new(azurite.ConnectionString);

    [Theory]
    [InlineData("tenants", 400, "stamp's own tables")]
    [InlineData("Tokens", 400, "stamp's own tables")]
    [InlineData("scim", 400, "stamp's own tables")]
    [InlineData("no-dashes", 400, "3-63 letters and digits")]
    public async Task A_table_name_that_is_not_the_tenants_to_take_is_refused_with_the_reason(string table, int status, string reason)
    {
        var tenant = TestNames.TenantId();

        var refused = await Cli.RunAsync("tenant", "create", tenant, "--isolation", "SiloTable", "--table-name", table);

        Assert.Equal(1, refused.ExitCode);
        Assert.Equal(status, (int)refused.ErrorJson["error"]!["status"]!);
        Assert.Contains(reason, (string)refused.ErrorJson["error"]!["message"]!, StringComparison.Ordinal);
        Assert.Equal(1, (await Cli.RunAsync("tenant", "show", tenant)).ExitCode);
        await Cli.JsonAsync("tenant", "list");
    }

    [Fact]
    public async Task A_second_tenant_on_the_same_table_is_409_naming_the_owner()
    {
        var owner = TestNames.TenantId();
        var table = TestNames.TableName("silo");
        await Cli.JsonAsync("tenant", "create", owner, "--isolation", "SiloTable", "--table-name", table);

        var taken = await Cli.RunAsync("tenant", "create", TestNames.TenantId(), "--isolation", "SiloTable", "--table-name", table.ToUpperInvariant());

        Assert.Equal(1, taken.ExitCode);
        Assert.Equal(409, (int)taken.ErrorJson["error"]!["status"]!);
        Assert.Contains($"tenant '{owner}'", (string)taken.ErrorJson["error"]!["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Purge_deleted_reports_the_deleted_incarnations_and_can_run_again()
    {
        var tenant = TestNames.TenantId();
        await Cli.JsonAsync("tenant", "create", tenant);
        await Cli.JsonAsync("tenant", "delete", tenant, "--yes");

        var first = await Cli.JsonAsync("maintenance", "purge-deleted");
        var second = await Cli.JsonAsync("maintenance", "purge-deleted");

        Assert.True((int)first["deletedIncarnations"]! >= 1);
        Assert.Equal(0, (int)first["unreachable"]!);
        Assert.True((int)second["deletedIncarnations"]! >= 1); // kept until the retention has passed
    }
}
