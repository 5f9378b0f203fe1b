using ScimFunctions.Cli.Tests.Support;
using ScimFunctions.Core;
using ScimFunctions.Storage.Tokens;
using ScimFunctions.Testing;

namespace ScimFunctions.Cli.Tests.Commands;

public sealed class DemoCommandTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private ScimCtlRunner Cli => new(azurite.ConnectionString);

    [Fact]
    public async Task Seed_creates_the_tenant_users_groups_and_a_token_that_verifies()
    {
        var tenant = TestNames.TenantId("demo");

        var seeded = await Cli.JsonAsync("demo", "seed", "--tenant", tenant, "--users", "12", "--groups", "3", "--base-url", "http://localhost:7071");
        var exported = await Cli.JsonAsync("users", "export", tenant);

        Assert.Equal($"http://localhost:7071/scim/v2/{tenant}", (string?)seeded["scimBaseUrl"]);
        Assert.Equal(12, (int)exported["totalResults"]!);
        var token = (string)seeded["token"]!;
        Assert.Contains(token, (string)seeded["curl"]!, StringComparison.Ordinal);
        var store = TableTokenStore.Create(new Azure.Data.Tables.TableServiceClient(azurite.ConnectionString));
        Assert.True((await new TokenVerifier(store).VerifyAsync(TenantId.Parse(tenant), token)).IsValid);
    }

    [Fact]
    public async Task Seeding_twice_converges_and_issues_a_second_token()
    {
        var tenant = TestNames.TenantId("demo");

        await Cli.JsonAsync("demo", "seed", "--tenant", tenant, "--users", "5", "--groups", "2");
        var again = await Cli.JsonAsync("demo", "seed", "--tenant", tenant, "--users", "5", "--groups", "2");
        var exported = await Cli.JsonAsync("users", "export", tenant);
        var tokens = await Cli.JsonAsync("token", "list", tenant);

        Assert.Equal(5, (int)again["users"]!);
        Assert.Equal(5, (int)exported["totalResults"]!);
        Assert.Equal(2, tokens["tokens"]!.AsArray().Count);
    }

    [Fact]
    public async Task Seed_prints_urls_for_the_port_the_local_run_exported()
    {
        var tenant = TestNames.TenantId("demo");
        Environment.SetEnvironmentVariable("SCIM_BASE_URL", "http://localhost:7391");
        try
        {
            var seeded = await Cli.JsonAsync("demo", "seed", "--tenant", tenant, "--users", "1", "--groups", "1");

            Assert.Equal($"http://localhost:7391/scim/v2/{tenant}", (string?)seeded["scimBaseUrl"]);
            Assert.Contains("http://localhost:7391/", (string)seeded["curl"]!, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("SCIM_BASE_URL", null);
        }
    }
}
