using System.Text.Json.Nodes;
using ScimFunctions.Cli.Tests.Support;
using ScimFunctions.Core;
using ScimFunctions.Core.Resources;
using ScimFunctions.Core.Schemas;
using ScimFunctions.Storage;
using ScimFunctions.Storage.Abstractions;
using ScimFunctions.Storage.Consistency;
using ScimFunctions.Testing;

namespace ScimFunctions.Cli.Tests.Commands;

/// <summary>
/// <c>scimctl maintenance scrub-secrets</c> against rows planted the way the store wrote them before passwords were
/// dropped (the password in the resource document).
/// </summary>
public sealed class MaintenanceCommandTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Secret = "NewSecret99";

    private ScimCtlRunner Cli => new(azurite.ConnectionString);

    [Fact]
    public async Task Scrub_secrets_removes_stored_passwords_leaves_a_consistent_tenant_and_a_second_run_finds_nothing()
    {
        var (storage, tenant, ids) = await TenantWithUsersAsync(count: 3);
        var raw = await RawPartition.ForAsync(storage.ResourceTable, storage.Tenants, tenant.Value);
        Assert.False((await ConsistencyChecker.CheckAsync(storage, tenant)).IsConsistent);

        var first = await Cli.JsonAsync("maintenance", "scrub-secrets", tenant.Value);
        var second = await Cli.JsonAsync("maintenance", "scrub-secrets", tenant.Value);

        var report = first["tenants"]!.AsArray().Single()!;
        Assert.Equal((tenant.Value, 3, 2, 2), ((string)report["tenant"]!, (int)report["scanned"]!, (int)report["scrubbed"]!, (int)report["attributes"]!["password"]!));
        Assert.Equal(0, (int)second["scrubbed"]!);
        Assert.DoesNotContain(Secret, await raw.AllTextAsync(), StringComparison.Ordinal);
        foreach (var id in ids)
        {
            Assert.Contains("userName", await raw.DocumentAsync("user", id), StringComparison.Ordinal);
        }

        Assert.True((await ConsistencyChecker.CheckAsync(storage, tenant)).IsConsistent);
    }

    [Fact]
    public async Task Without_a_tenant_every_tenant_of_the_stamp_is_scrubbed()
    {
        var (storage, one, _) = await TenantWithUsersAsync(count: 2);
        var (_, two, _) = await TenantWithUsersAsync(count: 3);

        var result = await Cli.JsonAsync("maintenance", "scrub-secrets");

        var tenants = result["tenants"]!.AsArray().ToDictionary(t => (string)t!["tenant"]!, t => (int)t!["scrubbed"]!);
        Assert.Equal((1, 2), (tenants[one.Value], tenants[two.Value]));
        Assert.True((await ConsistencyChecker.CheckAsync(storage, one)).IsConsistent);
        Assert.True((await ConsistencyChecker.CheckAsync(storage, two)).IsConsistent);
    }

    [Fact]
    public async Task Human_output_shows_progress_with_the_resume_position_and_a_summary()
    {
        var (_, tenant, _) = await TenantWithUsersAsync(count: 2);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await ScimCtl.RunAsync(["maintenance", "scrub-secrets", tenant.Value, "--connection-string", azurite.ConnectionString], output, error);

        Assert.True(exitCode == 0, error.ToString());
        Assert.Matches($"{tenant.Value}: read 2, scrubbed 1; resume with --after user\\|[0-9a-f-]{{36}}\n", output.ToString().ReplaceLineEndings("\n"));
        Assert.Contains($"{tenant.Value}: read 2 resources, scrubbed 1 (password from 1).", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_without_a_tenant_is_a_usage_error_and_an_unknown_tenant_is_404()
    {
        var usage = await Cli.RunAsync("maintenance", "scrub-secrets", "--after", "user|x");
        var unknown = await Cli.RunAsync("maintenance", "scrub-secrets", TestNames.TenantId());

        Assert.Equal(2, usage.ExitCode);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Equal(404, (int)unknown.ErrorJson["error"]!["status"]!);
    }

    /// <summary>A tenant created with scimctl, users created through the store, and a password planted in all but the first.</summary>
    private async Task<(TableStorage Storage, TenantId Tenant, List<string> Ids)> TenantWithUsersAsync(int count)
    {
        var tenant = TenantId.Parse(TestNames.TenantId());
        await Cli.JsonAsync("tenant", "create", tenant.Value);
        var storage = await TableStorage.CreateAsync(new TableStoreOptions { ConnectionString = azurite.ConnectionString });
        var store = await storage.Stores.GetStoreAsync(tenant);
        var type = ScimSchemas.UserResourceType();
        var raw = await RawPartition.ForAsync(storage.ResourceTable, storage.Tenants, tenant.Value);
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var user = new JsonObject { ["schemas"] = new JsonArray(ScimSchemaUrns.User), ["userName"] = $"user{i}@example.com" };
            var created = await store.CreateAsync(type, ResourceValidator.Normalize(user, type), new WriteContext("setup", "test"));
            ids.Add(created.Id);
            if (i > 0)
            {
                await raw.PlantAsync("user", created.Id, document => document["password"] = Secret);
            }
        }

        return (storage, tenant, ids);
    }
}
