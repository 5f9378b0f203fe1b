using ScimFunctions.Cli.Tests.Support;
using ScimFunctions.Testing;

namespace ScimFunctions.Cli.Tests.Commands;

public sealed class TokenCommandTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly string _tenant = TestNames.TenantId();

    private ScimCtlRunner Cli => new(azurite.ConnectionString);

    public async Task InitializeAsync() => await Cli.JsonAsync("tenant", "create", _tenant);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Tenant_create_then_token_issue_list_and_revoke()
    {
        var tenant = TestNames.TenantId();

        await Cli.JsonAsync("tenant", "create", tenant);
        var issued = await Cli.JsonAsync("token", "issue", tenant);
        var listedOnce = await Cli.JsonAsync("token", "list", tenant);
        await Cli.JsonAsync("token", "revoke", tenant, (string)issued["tokenId"]!);
        var listedAfter = await Cli.JsonAsync("token", "list", tenant);

        Assert.Single(listedOnce["tokens"]!.AsArray());
        Assert.Empty(listedAfter["tokens"]!.AsArray());
    }

    [Fact]
    public async Task Issuing_for_a_tenant_that_does_not_exist_is_404()
    {
        var result = await Cli.RunAsync("token", "issue", TestNames.TenantId());

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(404, (int)result.ErrorJson["error"]!["status"]!);
    }

    [Fact]
    public async Task Issue_prints_the_token_once_and_list_shows_only_its_id()
    {
        var issued = await Cli.JsonAsync("token", "issue", _tenant);
        var listed = await Cli.JsonAsync("token", "list", _tenant);

        var token = (string)issued["token"]!;
        Assert.StartsWith($"scim_{_tenant}_", token, StringComparison.Ordinal);
        Assert.Equal("table", (string?)issued["tokenStore"]);
        var only = Assert.Single(listed["tokens"]!.AsArray());
        Assert.Equal((string?)issued["tokenId"], (string?)only!["tokenId"]);
        Assert.True((bool)only["live"]!);
        Assert.DoesNotContain(token, listed.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue_takes_a_scope_default_scim_and_list_shows_it()
    {
        var agent = await Cli.JsonAsync("token", "issue", _tenant, "--scope", "read");
        var idp = await Cli.JsonAsync("token", "issue", _tenant);
        var listed = await Cli.JsonAsync("token", "list", _tenant);
        var wrong = await Cli.RunAsync("token", "issue", _tenant, "--scope", "admin");

        Assert.Equal("read", (string?)agent["scope"]);
        Assert.Equal("scim", (string?)idp["scope"]);
        var scopes = listed["tokens"]!.AsArray().ToDictionary(token => (string)token!["tokenId"]!, token => (string?)token!["scope"]);
        Assert.Equal("read", scopes[(string)agent["tokenId"]!]);
        Assert.Equal("scim", scopes[(string)idp["tokenId"]!]);
        Assert.NotEqual(0, wrong.ExitCode);
    }

    [Fact]
    public async Task Revoke_removes_the_token_from_the_list()
    {
        var issued = await Cli.JsonAsync("token", "issue", _tenant);

        var revoked = await Cli.JsonAsync("token", "revoke", _tenant, (string)issued["tokenId"]!);
        var listed = await Cli.JsonAsync("token", "list", _tenant);

        Assert.Equal((string?)issued["tokenId"], (string?)revoked["revoked"]);
        Assert.Empty(listed["tokens"]!.AsArray());
    }

    [Fact]
    public async Task Rotate_keeps_the_old_token_live_for_the_overlap()
    {
        var old = await Cli.JsonAsync("token", "issue", _tenant);

        var rotated = await Cli.JsonAsync("token", "rotate", _tenant, "--overlap", "2h");
        var listed = await Cli.JsonAsync("token", "list", _tenant);

        var tokens = listed["tokens"]!.AsArray();
        Assert.Equal(2, tokens.Count);
        Assert.All(tokens, token => Assert.True((bool)token!["live"]!));
        var oldEntry = tokens.Single(t => (string?)t!["tokenId"] == (string?)old["tokenId"])!;
        Assert.Equal(rotated["created"]!.GetValue<DateTimeOffset>().AddHours(2), oldEntry["expires"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task Revoking_an_unknown_token_fails_with_a_json_error_and_exit_code_1()
    {
        var result = await Cli.RunAsync("token", "revoke", _tenant, "tok-nothere");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(404, (int)result.ErrorJson["error"]!["status"]!);
    }

    [Fact]
    public async Task An_invalid_tenant_id_is_a_usage_error_before_any_storage_call()
    {
        var result = await Cli.RunAsync("token", "issue", "Not_A_Tenant");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("not a tenant id", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_any_storage_option_the_command_says_what_to_pass()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var previous = Environment.GetEnvironmentVariable("Scim__Storage__ConnectionString");

        var exitCode = await ScimCtl.RunAsync(["token", "list", _tenant], output, error);

        Assert.True(string.IsNullOrEmpty(previous), "the test environment must not set Scim__Storage__ConnectionString");
        Assert.Equal(2, exitCode);
        Assert.Contains("--connection-string", error.ToString(), StringComparison.Ordinal);
    }
}
