using ScimFunctions.Cli.Tests.Support;
using ScimFunctions.Core;
using ScimFunctions.Storage;
using ScimFunctions.Testing;

namespace ScimFunctions.Cli.Tests.Commands;

public sealed class TenantCommandTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly string _tenant = TestNames.TenantId();

    private ScimCtlRunner Cli => new(azurite.ConnectionString);

    [Fact]
    public async Task Create_returns_the_active_tenant_and_show_and_list_find_it()
    {
        var created = await Cli.JsonAsync("tenant", "create", _tenant, "--display-name", "Contoso EU");

        var shown = await Cli.JsonAsync("tenant", "show", _tenant);
        var listed = await Cli.JsonAsync("tenant", "list");

        Assert.Equal((_tenant, "Active", "Contoso EU"), ((string)created["id"]!, (string)created["status"]!, (string)created["displayName"]!));
        Assert.Equal(0, (int)shown["liveTokens"]!);
        Assert.Contains(listed["tenants"]!.AsArray(), t => (string?)t!["id"] == _tenant);
    }

    [Fact]
    public async Task Creating_an_existing_tenant_fails_with_409()
    {
        await Cli.JsonAsync("tenant", "create", _tenant);

        var again = await Cli.RunAsync("tenant", "create", _tenant);

        Assert.Equal(1, again.ExitCode);
        Assert.Equal(409, (int)again.ErrorJson["error"]!["status"]!);
    }

    [Fact]
    public async Task Suspend_and_resume_change_the_status()
    {
        await Cli.JsonAsync("tenant", "create", _tenant);

        var suspended = await Cli.JsonAsync("tenant", "suspend", _tenant);
        var resumed = await Cli.JsonAsync("tenant", "resume", _tenant);

        Assert.Equal(("Suspended", "Active"), ((string)suspended["status"]!, (string)resumed["status"]!));
    }

    [Fact]
    public async Task Set_policy_changes_only_the_given_settings()
    {
        await Cli.JsonAsync("tenant", "create", _tenant);

        var updated = await Cli.JsonAsync("tenant", "set-policy", _tenant, "--max-users", "500", "--allowed-operations", "Read,Create", "--patch-response", "200");

        Assert.Equal(500, (long)updated["policy"]!["maxUsers"]!);
        Assert.Equal("Read, Create", (string)updated["policy"]!["allowedOperations"]!);
        Assert.False((bool)updated["compatibility"]!["patchReturnsNoContent"]!);
        Assert.True((bool)updated["policy"]!["bulkEnabled"]!);
        Assert.True((bool)updated["compatibility"]!["booleanStrings"]!);
    }

    [Fact]
    public async Task Set_policy_switches_take_false_and_leave_the_others_alone()
    {
        await Cli.JsonAsync("tenant", "create", _tenant);

        var updated = await Cli.JsonAsync("tenant", "set-policy", _tenant, "--bulk", "false", "--boolean-strings", "false", "--mcp", "false");

        Assert.False((bool)updated["policy"]!["bulkEnabled"]!);
        Assert.False((bool)updated["policy"]!["mcpEnabled"]!);
        Assert.False((bool)updated["compatibility"]!["booleanStrings"]!);
        Assert.True((bool)updated["compatibility"]!["caseInsensitivePatchOps"]!);
    }

    [Fact]
    public async Task Set_policy_change_retention_days_within_range_and_refuses_outside_it()
    {
        var created = await Cli.JsonAsync("tenant", "create", _tenant);
        Assert.Equal(30, (int)created["policy"]!["changeRetentionDays"]!);

        var updated = await Cli.JsonAsync("tenant", "set-policy", _tenant, "--change-retention-days", "7");
        var refused = await Cli.RunAsync("tenant", "set-policy", _tenant, "--change-retention-days", "0");
        var cleared = await Cli.JsonAsync("tenant", "set-policy", _tenant, "--clear-change-retention-days");

        Assert.Equal(7, (int)updated["policy"]!["changeRetentionDays"]!);
        Assert.Equal(400, (int)refused.ErrorJson["error"]!["status"]!);
        Assert.Contains("changeRetentionDays", refused.Error, StringComparison.Ordinal);
        Assert.Equal(30, (int)cleared["policy"]!["changeRetentionDays"]!);
    }

    [Fact]
    public async Task Set_policy_unlimited_clears_a_limit()
    {
        await Cli.JsonAsync("tenant", "create", _tenant);
        await Cli.JsonAsync("tenant", "set-policy", _tenant, "--max-users", "10");

        var updated = await Cli.JsonAsync("tenant", "set-policy", _tenant, "--max-users", "unlimited");

        Assert.Null(updated["policy"]!["maxUsers"]);
    }

    [Fact]
    public async Task Set_policy_keeps_earlier_quotas_and_clear_options_remove_one()
    {
        await Cli.JsonAsync("tenant", "create", _tenant);
        await Cli.JsonAsync("tenant", "set-policy", _tenant, "--max-users", "10", "--max-groups", "4", "--bulk-max-operations", "7");

        var changed = await Cli.JsonAsync("tenant", "set-policy", _tenant, "--requests-per-second", "5");
        var cleared = await Cli.JsonAsync("tenant", "set-policy", _tenant, "--clear-max-users", "--clear-bulk-max-operations");

        Assert.Equal((10L, 4L, 7, 5.0), ((long)changed["policy"]!["maxUsers"]!, (long)changed["policy"]!["maxGroups"]!, (int)changed["policy"]!["bulkMaxOperations"]!, (double)changed["policy"]!["requestsPerSecond"]!));
        Assert.Null(cleared["policy"]!["maxUsers"]);
        Assert.Equal((4L, 100, 5.0), ((long)cleared["policy"]!["maxGroups"]!, (int)cleared["policy"]!["bulkMaxOperations"]!, (double)cleared["policy"]!["requestsPerSecond"]!));
    }

    [Theory]
    [InlineData("--requests-per-second", "NaN", "requestsPerSecond")]
    [InlineData("--requests-per-second", "Infinity", "requestsPerSecond")]
    [InlineData("--max-request-bytes", "-1", "maxRequestBytes")]
    [InlineData("--bulk-max-operations", "25000", "bulkMaxOperations")]
    public async Task Set_policy_refuses_values_out_of_range_naming_the_setting_and_stores_nothing(string option, string value, string setting)
    {
        await Cli.JsonAsync("tenant", "create", _tenant);

        var result = await Cli.RunAsync("tenant", "set-policy", _tenant, option, value);
        var shown = await Cli.JsonAsync("tenant", "show", _tenant);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(400, (int)result.ErrorJson["error"]!["status"]!);
        Assert.Contains(setting, (string?)result.ErrorJson["error"]!["message"], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.Equal(1_048_576, (int)shown["policy"]!["maxRequestBytes"]!);
        Assert.Equal(50.0, (double)shown["policy"]!["requestsPerSecond"]!);
    }

    [Theory]
    [InlineData("--max-users", "lots")]
    [InlineData("--patch-response", "201")]
    [InlineData("--allowed-operations", "Fly")]
    public async Task Set_policy_refuses_bad_values_without_touching_storage(string option, string value)
    {
        var result = await Cli.RunAsync("tenant", "set-policy", _tenant, option, value);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(value, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_needs_yes_and_then_removes_the_tenant_and_its_tokens()
    {
        await Cli.JsonAsync("tenant", "create", _tenant);
        await Cli.JsonAsync("token", "issue", _tenant);

        var refused = await Cli.RunAsync("tenant", "delete", _tenant);
        await Cli.JsonAsync("tenant", "delete", _tenant, "--yes");
        var shown = await Cli.RunAsync("tenant", "show", _tenant);
        var tokens = await Cli.JsonAsync("token", "list", _tenant);

        Assert.Equal(2, refused.ExitCode);
        Assert.Equal(404, (int)shown.ErrorJson["error"]!["status"]!);
        Assert.Empty(tokens["tokens"]!.AsArray());
    }

    [Fact]
    public async Task Show_tells_the_state_and_the_refusal_reasons_the_host_recorded()
    {
        await Cli.JsonAsync("tenant", "create", _tenant, "--trial", "1d");
        var storage = await TableStorage.CreateAsync(new TableStoreOptions { ConnectionString = azurite.ConnectionString });
        var record = (await storage.Tenants.GetAsync(TenantId.Parse(_tenant)))!;
        var at = DateTimeOffset.UtcNow;
        await storage.Refusals.AddAsync(record.Id, record.Incarnation, new Dictionary<string, long> { ["invalid_token"] = 5 }, at, "invalid_token");
        await storage.Refusals.AddAsync(record.Id, record.Incarnation, new Dictionary<string, long> { ["invalid_token"] = 2, ["tenant_expired"] = 1 }, at.AddSeconds(1), "tenant_expired");
        var active = await Cli.JsonAsync("tenant", "show", _tenant);

        await Cli.JsonAsync("tenant", "set-policy", _tenant, "--expires-at", DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O"));
        var expired = await Cli.JsonAsync("tenant", "show", _tenant);
        await Cli.JsonAsync("tenant", "suspend", _tenant);
        var suspended = await Cli.JsonAsync("tenant", "show", _tenant);

        Assert.Equal(("active", "expired", "suspended"), ((string)active["state"]!, (string)expired["state"]!, (string)suspended["state"]!));
        Assert.Equal((7L, 1L), ((long)expired["refusals"]!["counts"]!["invalid_token"]!, (long)expired["refusals"]!["counts"]!["tenant_expired"]!));
        Assert.Equal("tenant_expired", (string)expired["refusals"]!["lastReason"]!);
    }
}
