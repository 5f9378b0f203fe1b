using Azure.Data.Tables;
using ScimFunctions.Cli.Tests.Support;
using ScimFunctions.Testing;

namespace ScimFunctions.Cli.Tests.Commands;

/// <summary>A private, in-memory Azurite: the planted rows would break other classes' <c>tenant list</c> on the shared one.</summary>
public sealed class PrivateAzurite : IAsyncLifetime
{
    private AzuriteInstance? _azurite;

    public string ConnectionString => _azurite!.ConnectionString;

    public async Task InitializeAsync() => _azurite = await AzuriteInstance.StartAsync(inMemory: true);

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}

/// <summary>
/// Bad data in the stamp's tables never makes scimctl print a stack trace: one line naming what is malformed, exit
/// code 1, in JSON and human mode alike.
/// </summary>
public sealed class MalformedDataTests(PrivateAzurite azurite) : IClassFixture<PrivateAzurite>
{
    private ScimCtlRunner Cli => new(azurite.ConnectionString);

    [Theory]
    [InlineData("RowKey", "Not_A_Tenant")]
    [InlineData("StorageEndpoint", "::not a url::")]
    [InlineData("Policy", "{\"maxUsers\":")]
    [InlineData("Created", "yesterday")]
    public async Task Tenant_list_over_a_malformed_registry_row_fails_with_one_line_and_exit_code_1(string column, string value)
    {
        var tenant = TestNames.TenantId();
        await Cli.JsonAsync("tenant", "create", tenant);
        var planted = await PlantAsync(tenant, column, value);
        try
        {
            var json = await Cli.RunAsync("tenant", "list");
            var human = await RunHumanAsync("tenant", "list");

            Assert.Equal(1, json.ExitCode);
            AssertOneLine(json.Error);
            Assert.Contains("malformed", (string)json.ErrorJson["error"]!["message"]!, StringComparison.Ordinal);
            Assert.Equal(1, human.ExitCode);
            AssertOneLine(human.Error);
            Assert.StartsWith("error: ", human.Error, StringComparison.Ordinal);
        }
        finally
        {
            await Registry.DeleteEntityAsync(planted.PartitionKey, planted.RowKey);
            if (column == "RowKey")
            {
                await Cli.JsonAsync("tenant", "delete", tenant, "--yes");
            }
        }
    }

    [Fact]
    public async Task Token_list_over_a_malformed_token_set_fails_with_one_line()
    {
        var tenant = TestNames.TenantId();
        await Cli.JsonAsync("tenant", "create", tenant);
        var tokens = new TableClient(azurite.ConnectionString, "tokens");
        await tokens.CreateIfNotExistsAsync();
        await tokens.UpsertEntityAsync(new TableEntity(tenant, "tokens") { ["Tokens"] = "{\"v\":1,\"tokens\":[{\"id\":\"tok-1\"" });

        var result = await Cli.RunAsync("token", "list", tenant);

        Assert.Equal(1, result.ExitCode);
        AssertOneLine(result.Error);
    }

    [Fact]
    public async Task Bad_input_anywhere_is_one_line_and_a_non_zero_exit()
    {
        var results = new[]
        {
            await Cli.RunAsync("tenant", "show", "Not_A_Tenant"),
            await Cli.RunAsync("token", "issue", "contoso", "--expires-in", "forever"),
            await Cli.RunAsync("users", "import", "contoso", "/nonexistent/users.csv"),
            await Cli.RunAsync("audit", "contoso", "--cursor", "forged"),
            await Cli.RunAsync("no-such-command"),
        };

        Assert.All(results, result =>
        {
            Assert.NotEqual(0, result.ExitCode);
            Assert.DoesNotContain("   at ", result.Output + result.Error, StringComparison.Ordinal);
        });
    }

    private TableClient Registry => new(azurite.ConnectionString, "tenants");

    private async Task<TableEntity> PlantAsync(string tenant, string column, string value)
    {
        var row = (await Registry.GetEntityAsync<TableEntity>("tenant", tenant)).Value;
        if (column == "RowKey")
        {
            var copy = new TableEntity(row) { RowKey = value };
            await Registry.UpsertEntityAsync(copy);
            return copy;
        }

        row[column] = value;
        await Registry.UpsertEntityAsync(row);
        return row;
    }

    private async Task<ScimCtlResult> RunHumanAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await ScimCtl.RunAsync([.. args, "--connection-string", azurite.ConnectionString], output, error);
        return new ScimCtlResult(exitCode, output.ToString(), error.ToString());
    }

    private static void AssertOneLine(string text)
    {
        Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception:", text, StringComparison.Ordinal);
    }
}
