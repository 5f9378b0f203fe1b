using ScimFunctions.Testing;

namespace ScimFunctions.Cli.Tests.Commands;

/// <summary>Without --json the same commands render tables and panels for people.</summary>
public sealed class HumanOutputTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly string _tenant = TestNames.TenantId();

    private async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await ScimCtl.RunAsync([.. args, "--connection-string", azurite.ConnectionString], output, error);
        return (exitCode, output.ToString() + error);
    }

    [Fact]
    public async Task Token_issue_shows_the_token_once_with_a_warning_and_list_shows_a_table_without_it()
    {
        await RunAsync("tenant", "create", _tenant);

        var issued = await RunAsync("token", "issue", _tenant);
        var listed = await RunAsync("token", "list", _tenant);

        Assert.Equal((0, 0), (issued.ExitCode, listed.ExitCode));
        Assert.Matches($"scim_{_tenant}_[0-9a-f]{{64}}", issued.Output);
        Assert.Contains("Shown once", issued.Output, StringComparison.Ordinal);
        Assert.Contains("Token id", listed.Output, StringComparison.Ordinal);
        Assert.DoesNotMatch("scim_[a-z0-9-]+_[0-9a-f]{64}", listed.Output);
    }

    [Fact]
    public async Task Import_with_a_progress_bar_reports_the_count()
    {
        await RunAsync("tenant", "create", _tenant);
        var csv = Path.GetTempFileName();
        await File.WriteAllTextAsync(csv, "userName\r\nalpha\r\nbeta\r\ngamma\r\n");

        var imported = await RunAsync("users", "import", _tenant, csv);
        File.Delete(csv);

        Assert.Equal(0, imported.ExitCode);
        Assert.Contains("Imported 3 of 3 users", imported.Output, StringComparison.Ordinal);
    }
}
