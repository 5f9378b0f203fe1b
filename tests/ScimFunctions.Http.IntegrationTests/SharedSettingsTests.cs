using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using ScimFunctions.Cli;
using ScimFunctions.LocalHost;
using ScimFunctions.Testing;

namespace ScimFunctions.Http.IntegrationTests;

/// <summary>Runs alone: its tests set process environment variables, which every host and scimctl read.</summary>
[CollectionDefinition(nameof(ProcessEnvironmentCollection), DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection;

/// <summary>
/// scimctl and the hosts read the stamp's settings through one binding: a setting given to both (here as environment
/// variables, as an operator's shell and the Function App's app settings give them) means the same to both.
/// </summary>
[Collection(nameof(ProcessEnvironmentCollection))]
public sealed class SharedSettingsTests
{
    [Fact]
    public async Task A_token_issued_by_scimctl_with_a_custom_token_table_is_accepted_by_a_host_given_the_same_settings()
    {
        var connectionString = await SharedAzurite.GetConnectionStringAsync();
        var tokenTable = TestNames.TableName("othertokens");
        var environment = new Dictionary<string, string>
        {
            ["Scim__Storage__ConnectionString"] = connectionString,
            ["Scim__Storage__ResourceTable"] = TestNames.TableName("res"),
            ["Scim__Storage__TenantTable"] = TestNames.TableName("ten"),
            ["Scim__Storage__TokenTable"] = tokenTable,
        };
        var tenant = TestNames.TenantId();
        using var scope = new EnvironmentScope(environment);

        Assert.Equal(0, (await ScimCtlAsync("tenant", "create", tenant)).ExitCode);
        var issued = await ScimCtlAsync("token", "issue", tenant);
        Assert.True(issued.ExitCode == 0, issued.Error);
        var token = (string)JsonNode.Parse(issued.Output)!["token"]!;

        await using var app = ScimLocalHost.Build(ScimLocalHost.CreateBuilder([], builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Scim:KeyVault:Uri"] = string.Empty, ["Scim:Storage:TableEndpoint"] = string.Empty });
        }));
        await app.StartAsync();
        using var client = app.GetTestServer().CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.GetAsync(new Uri($"/scim/v2/{tenant}/Users", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var hashes = new TableServiceClient(connectionString).GetTableClient(tokenTable).QueryAsync<TableEntity>(maxPerPage: 10);
        Assert.NotEmpty(await hashes.ToListAsync());
    }

    private static async Task<(int ExitCode, string Output, string Error)> ScimCtlAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await ScimCtl.RunAsync([.. args, "--json"], output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Sets environment variables for the test's duration and restores them after.</summary>
    private sealed class EnvironmentScope : IDisposable
    {
        private readonly Dictionary<string, string?> _previous = [];

        public EnvironmentScope(IReadOnlyDictionary<string, string> variables)
        {
            foreach (var (name, value) in variables)
            {
                _previous[name] = Environment.GetEnvironmentVariable(name);
                Environment.SetEnvironmentVariable(name, value);
            }
        }

        public void Dispose()
        {
            foreach (var (name, value) in _previous)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }
}
