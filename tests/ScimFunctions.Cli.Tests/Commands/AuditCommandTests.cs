using Azure.Data.Tables;
using ScimFunctions.Cli.Tests.Support;
using ScimFunctions.Storage;
using ScimFunctions.Testing;

namespace ScimFunctions.Cli.Tests.Commands;

/// <summary>
/// Every operator command is recorded as <c>scimctl:&lt;OS user&gt;</c> and <c>scimctl audit</c> reads the trail back,
/// also after the tenant is deleted; rows scimctl writes into a tenant's change log name the same actor.
/// </summary>
public sealed class AuditCommandTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly string Actor = "scimctl:" + Environment.UserName;
    private readonly string _tenant = TestNames.TenantId();

    private ScimCtlRunner Cli => new(azurite.ConnectionString);

    [Fact]
    public async Task Each_operator_command_leaves_an_audit_record_that_outlives_the_tenant()
    {
        await Cli.JsonAsync("tenant", "create", _tenant);
        var issued = await Cli.JsonAsync("token", "issue", _tenant);
        var rotated = await Cli.JsonAsync("token", "rotate", _tenant, "--overlap", "1h");
        await Cli.JsonAsync("token", "revoke", _tenant, (string)rotated["tokenId"]!);
        var refused = await Cli.RunAsync("token", "revoke", _tenant, "tok-000000000000");
        await Cli.JsonAsync("tenant", "set-policy", _tenant, "--max-users", "5");
        await Cli.JsonAsync("tenant", "set-policy", _tenant, "--boolean-strings", "false");
        await Cli.JsonAsync("tenant", "suspend", _tenant);
        await Cli.JsonAsync("tenant", "resume", _tenant);
        await Cli.JsonAsync("tenant", "delete", _tenant, "--yes");

        var audit = await Cli.JsonAsync("audit", _tenant);
        var records = audit["records"]!.AsArray().Select(r => r!).ToList();

        Assert.Equal(1, refused.ExitCode);
        Assert.Equal(
            ["tenant.create", "token.issue", "token.rotate", "token.revoke", "token.revoke", "tenant.policy", "tenant.compatibility", "tenant.suspend", "tenant.resume", "tenant.delete"],
            records.Select(r => (string?)r["action"]));
        Assert.Equal("failed 404", (string?)records[4]["outcome"]);
        Assert.All(records.Where((_, i) => i != 4), r => Assert.Equal("succeeded", (string?)r["outcome"]));
        Assert.All(records, r => Assert.Equal(Actor, (string?)r["actor"]));
        Assert.Contains("tokenId=" + (string)issued["tokenId"]!, (string?)records[1]["detail"], StringComparison.Ordinal);
        Assert.Contains("\"maxUsers\":5", (string?)records[5]["detail"], StringComparison.Ordinal);
        Assert.Contains("\"booleanStrings\":false", (string?)records[6]["detail"], StringComparison.Ordinal);
        Assert.DoesNotContain((string)issued["token"]!, audit.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain((string)rotated["token"]!, audit.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_pages_with_a_cursor()
    {
        await Cli.JsonAsync("tenant", "create", _tenant);
        await Cli.JsonAsync("tenant", "suspend", _tenant);
        await Cli.JsonAsync("tenant", "resume", _tenant);

        var first = await Cli.JsonAsync("audit", _tenant, "--count", "2");
        var second = await Cli.JsonAsync("audit", _tenant, "--count", "2", "--cursor", (string)first["nextCursor"]!);

        Assert.Equal(["tenant.create", "tenant.suspend"], first["records"]!.AsArray().Select(r => (string?)r!["action"]));
        Assert.Equal(["tenant.resume"], second["records"]!.AsArray().Select(r => (string?)r!["action"]));
    }

    [Fact]
    public async Task Users_imported_by_scimctl_are_attributed_to_the_os_user_in_the_change_log()
    {
        await Cli.JsonAsync("tenant", "create", _tenant);
        var csv = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".csv");
        await File.WriteAllTextAsync(csv, "userName\nada-" + Guid.NewGuid().ToString("N")[..8] + "@example.com\n");
        try
        {
            await Cli.JsonAsync("users", "import", _tenant, csv);
        }
        finally
        {
            File.Delete(csv);
        }

        var pool = new TableClient(azurite.ConnectionString, "scim");
        var storage = await TableStorage.CreateAsync(new TableStoreOptions { ConnectionString = azurite.ConnectionString });
        var partition = await RawPartition.PartitionKeyAsync(storage.Tenants, _tenant);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {"change|"} and RowKey lt {"change}"}");
        var actors = new List<string?>();
        await foreach (var row in pool.QueryAsync<TableEntity>(filter))
        {
            actors.Add(row.GetString("Actor"));
        }

        Assert.Equal([Actor], actors);
    }

    [Fact]
    public async Task Audit_of_a_malformed_tenant_id_is_a_usage_error()
    {
        var result = await Cli.RunAsync("audit", "Not_A_Tenant");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("is not a tenant id", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output + result.Error, StringComparison.Ordinal);
    }
}
