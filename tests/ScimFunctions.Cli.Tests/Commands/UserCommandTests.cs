using System.Globalization;
using System.Text;
using ScimFunctions.Cli.Tests.Support;
using ScimFunctions.Testing;

namespace ScimFunctions.Cli.Tests.Commands;

public sealed class UserCommandTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime, IDisposable
{
    private readonly string _tenant = TestNames.TenantId();
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("scimctl-");

    private ScimCtlRunner Cli => new(azurite.ConnectionString);

    public async Task InitializeAsync() => await Cli.JsonAsync("tenant", "create", _tenant);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Importing_fifty_users_then_exporting_returns_the_fifty()
    {
        var csv = await WriteCsvAsync(Enumerable.Range(1, 50).Select(i => $"user{i}@contoso.test,ext-{i},Given{i},Family{i},user{i}@contoso.test,true,R&D"));

        var imported = await Cli.JsonAsync("users", "import", _tenant, csv);
        var exported = await Cli.JsonAsync("users", "export", _tenant);

        Assert.Equal((50, 0), ((int)imported["imported"]!, (int)imported["failed"]!));
        Assert.Equal(50, (int)exported["totalResults"]!);
        var resources = exported["Resources"]!.AsArray();
        Assert.Equal(50, resources.Count);
        var user7 = resources.Single(r => (string?)r!["userName"] == "user7@contoso.test")!;
        Assert.Equal("Given7", (string?)user7["name"]!["givenName"]);
        Assert.Equal("user7@contoso.test", (string?)user7["emails"]![0]!["value"]);
        Assert.Equal("work", (string?)user7["emails"]![0]!["type"]);
        Assert.True((bool)user7["active"]!);
        Assert.Equal("R&D", (string?)user7["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"]!["department"]);
    }

    [Fact]
    public async Task Re_importing_with_upsert_updates_changed_users_leaves_the_rest_and_without_it_answers_409_per_row()
    {
        var first = await WriteCsvAsync(Enumerable.Range(1, 6).Select(i => $"user{i}@contoso.test,ext-{i},Given{i},Family{i},user{i}@contoso.test,true,R&D"));
        await Cli.JsonAsync("users", "import", _tenant, first);
        var before = await Cli.JsonAsync("users", "export", _tenant);
        var version3 = (string)before["Resources"]!.AsArray().Single(r => (string?)r!["userName"] == "user3@contoso.test")!["meta"]!["version"]!;
        var second = await WriteCsvAsync(Enumerable.Range(1, 6).Select(i => i == 3
            ? "user3@contoso.test,ext-3,Renamed,Family3,user3@contoso.test,false,Sales"
            : $"user{i}@contoso.test,ext-{i},Given{i},Family{i},user{i}@contoso.test,true,R&D"));

        var plain = await Cli.RunAsync("users", "import", _tenant, second);
        var upserted = await Cli.JsonAsync("users", "import", _tenant, second, "--upsert");
        var after = await Cli.JsonAsync("users", "export", _tenant);

        Assert.Equal(1, plain.ExitCode);
        Assert.All(System.Text.Json.Nodes.JsonNode.Parse(plain.Output)!["errors"]!.AsArray(), e => Assert.Equal(409, (int)e!["status"]!));
        Assert.Equal((0, 1, 5, 0), ((int)upserted["imported"]!, (int)upserted["updated"]!, (int)upserted["unchanged"]!, (int)upserted["failed"]!));
        Assert.Equal(6, (int)after["totalResults"]!);
        var user3 = after["Resources"]!.AsArray().Single(r => (string?)r!["userName"] == "user3@contoso.test")!;
        Assert.Equal(("Renamed", "Family3", false), ((string?)user3["name"]!["givenName"], (string?)user3["name"]!["familyName"], (bool)user3["active"]!));
        Assert.Equal("Sales", (string?)user3["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"]!["department"]);
        Assert.NotEqual(version3, (string?)user3["meta"]!["version"]);
    }

    [Fact]
    public async Task Import_to_a_pipe_writes_plain_progress_lines_with_count_rate_and_eta_and_no_escape_codes()
    {
        var csv = await WriteCsvAsync(Enumerable.Range(1, 30).Select(i => $"pipe{i}@contoso.test,,G{i},F{i},,true,"));
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await ScimCtl.RunAsync(["users", "import", _tenant, csv, "--connection-string", azurite.ConnectionString], output, error);

        Assert.Equal(0, exitCode);
        var last = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        Assert.Matches(@"^users: 30/30 \(100%\), [0-9.]+/s, ETA 0s$", last);
        Assert.DoesNotContain("\u001b", error.ToString() + output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Imported 30 of 30 users", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_to_a_pipe_keeps_the_csv_clean_and_writes_plain_progress_lines_to_standard_error()
    {
        var tenant = _tenant;
        var csv = await WriteCsvAsync(Enumerable.Range(1, 12).Select(i => $"export{i}@contoso.test,,G{i},F{i},,true,"));
        Assert.Equal(0, (await Cli.RunAsync("users", "import", tenant, csv)).ExitCode);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await ScimCtl.RunAsync(["users", "export", tenant, "--connection-string", azurite.ConnectionString], output, error);

        Assert.Equal(0, exitCode);
        var progress = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Matches(@"^users: 12/12 \(100%\), [0-9.]+/s, ETA 0s$", progress[^1]);
        var rows = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(13, rows.Length);
        Assert.StartsWith("userName,id,", rows[0], StringComparison.Ordinal);
        Assert.DoesNotContain("users: ", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", error.ToString() + output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_rows_are_reported_by_line_and_the_good_ones_imported()
    {
        var csv = await WriteCsvAsync(
        [
            "good1@contoso.test,,A,B,,true,",
            ",,No,UserName,,true,",
            "good1@contoso.test,,Dup,Licate,,true,",
            "good2@contoso.test,,C,D,,maybe,",
            "good3@contoso.test,,E,F,,false,",
        ]);

        var result = await Cli.RunAsync("users", "import", _tenant, csv);

        Assert.Equal(1, result.ExitCode);
        var report = System.Text.Json.Nodes.JsonNode.Parse(result.Output)!;
        Assert.Equal(2, (int)report["imported"]!);
        var errors = report["errors"]!.AsArray();
        Assert.Equal([3, 4, 5], errors.Select(e => (int)e!["line"]!));
        Assert.Equal(409, (int)errors[1]!["status"]!);
        Assert.All(errors, e => Assert.InRange((int)e!["status"]!, 400, 499));
    }

    [Fact]
    public async Task A_csv_export_imports_again_into_another_tenant()
    {
        var csv = await WriteCsvAsync(Enumerable.Range(1, 5).Select(i => $"u{i}@contoso.test,ext-{i},\"Given, {i}\",Family{i},u{i}@contoso.test,true,Sales"));
        await Cli.JsonAsync("users", "import", _tenant, csv);
        var exportFile = Path.Combine(_folder.FullName, "export.csv");
        var other = TestNames.TenantId();
        await Cli.JsonAsync("tenant", "create", other);

        await Cli.JsonAsync("users", "export", _tenant, "--output", exportFile);
        var reimported = await Cli.JsonAsync("users", "import", other, exportFile);
        var exported = await Cli.JsonAsync("users", "export", other);

        Assert.Equal(5, (int)reimported["imported"]!);
        var user = exported["Resources"]!.AsArray().Single(r => (string?)r!["userName"] == "u3@contoso.test")!;
        Assert.Equal("Given, 3", (string?)user["name"]!["givenName"]);
        Assert.Equal("ext-3", (string?)user["externalId"]);
        Assert.Equal("Sales", (string?)user["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"]!["department"]);
    }

    [Fact]
    public async Task A_csv_without_a_username_column_is_a_usage_error()
    {
        var path = Path.Combine(_folder.FullName, "bad.csv");
        await File.WriteAllTextAsync(path, "displayName\nSomeone\n");

        var result = await Cli.RunAsync("users", "import", _tenant, path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("userName", result.Error, StringComparison.Ordinal);
    }

    private async Task<string> WriteCsvAsync(IEnumerable<string> rows)
    {
        var path = Path.Combine(_folder.FullName, Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture) + ".csv");
        var text = new StringBuilder("userName,externalId,name.givenName,name.familyName,emails[type eq \"work\"].value,active,urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department\r\n");
        foreach (var row in rows)
        {
            text.Append(row).Append("\r\n");
        }

        await File.WriteAllTextAsync(path, text.ToString());
        return path;
    }
}
