using System.Text.Json.Nodes;
using Azure.Data.Tables;
using ScimFunctions.Http.IntegrationTests.Support;
using ScimFunctions.Storage;
using ScimFunctions.Storage.Consistency;
using ScimFunctions.Testing;

namespace ScimFunctions.Http.IntegrationTests;

/// <summary>Silo tenants through the operator API: each refused placement is a clear 400/409, a missing table is 503.</summary>
public sealed class SiloTenantApiTests(ScimTestHost host) : IClassFixture<ScimTestHost>
{
    private TableStorage Storage => (TableStorage)host.Services.GetService(typeof(TableStorage))!;

    [Fact]
    public async Task A_stamp_table_as_silo_table_is_400_and_the_stamp_keeps_working()
    {
        using var tenant = await host.CreateTenantAsync();
        await tenant.CreateUserAsync(Scim.UniqueName());
        using var operatorClient = host.Operator();

        foreach (var name in Storage.Options.StampTables.Append(Storage.Options.TenantTable.ToUpperInvariant()))
        {
            var id = TestNames.TenantId();
            var refused = await operatorClient.SendJsonAsync(HttpMethod.Post, "/operator/tenants", Silo(id, name));
            refused.AssertScimError(400, "invalidValue");
            Assert.Contains("stamp's own tables", (string?)refused.Body!["detail"], StringComparison.Ordinal);
            (await operatorClient.SendJsonAsync(HttpMethod.Get, $"/operator/tenants/{id}", null)).AssertScimError(404);
        }

        (await operatorClient.SendJsonAsync(HttpMethod.Get, "/operator/tenants", null)).AssertStatus(200);
        (await tenant.GetAsync("/Users")).AssertStatus(200);
    }

    [Fact]
    public async Task A_bad_name_is_400_another_tenants_table_is_409_and_deleting_one_silo_tenant_spares_the_others()
    {
        using var operatorClient = host.Operator();
        using var pooled = await host.CreateTenantAsync();
        await pooled.CreateUserAsync(Scim.UniqueName());
        var table = TestNames.TableName("silo");
        var owner = TestNames.TenantId();

        (await operatorClient.SendJsonAsync(HttpMethod.Post, "/operator/tenants", Silo(TestNames.TenantId(), "my-table"))).AssertScimError(400, "invalidValue");
        (await operatorClient.SendJsonAsync(HttpMethod.Post, "/operator/tenants", Silo(owner, table))).AssertStatus(201);
        var taken = await operatorClient.SendJsonAsync(HttpMethod.Post, "/operator/tenants", Silo(TestNames.TenantId(), table.ToUpperInvariant()));
        taken.AssertScimError(409);
        Assert.Contains($"already used by tenant '{owner}'", (string?)taken.Body!["detail"], StringComparison.Ordinal);

        var other = TestNames.TenantId();
        (await operatorClient.SendJsonAsync(HttpMethod.Post, "/operator/tenants", Silo(other, TestNames.TableName("other")))).AssertStatus(201);
        (await operatorClient.SendJsonAsync(HttpMethod.Delete, $"/operator/tenants/{owner}", null)).AssertStatus(204);

        Assert.Null(Storage.ServiceClient.Query(t => t.Name == table).FirstOrDefault());
        (await operatorClient.SendJsonAsync(HttpMethod.Get, "/operator/tenants", null)).AssertStatus(200);
        (await pooled.GetAsync("/Users")).AssertStatus(200);
        foreach (var tenant in new[] { pooled.TenantId, other })
        {
            Assert.True((await ConsistencyChecker.CheckAsync(Storage, Core.TenantId.Parse(tenant))).IsConsistent, tenant);
        }
    }

    [Fact]
    public async Task A_silo_account_the_stamp_has_no_credential_for_is_400_not_500()
    {
        using var operatorClient = host.Operator();
        var body = Silo(TestNames.TenantId(), TestNames.TableName("acct"));
        body["isolation"] = "SiloAccount";
        body["storageEndpoint"] = "https://someoneelse.table.core.windows.net/";

        var refused = await operatorClient.SendJsonAsync(HttpMethod.Post, "/operator/tenants", body);

        refused.AssertScimError(400, "invalidValue");
        Assert.Contains("no way to authenticate", (string?)refused.Body!["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_silo_tenant_whose_table_disappeared_answers_503_with_retry_after_and_a_log_line()
    {
        using var operatorClient = host.Operator();
        var id = TestNames.TenantId();
        var table = TestNames.TableName("gone");
        (await operatorClient.SendJsonAsync(HttpMethod.Post, "/operator/tenants", Silo(id, table))).AssertStatus(201);
        var issued = await operatorClient.SendJsonAsync(HttpMethod.Post, $"/operator/tenants/{id}/tokens", null);
        using var tenant = new TenantClient(host, id, (string)issued.Body!["token"]!);
        var userId = await tenant.CreateUserAsync(Scim.UniqueName());
        await new TableServiceClient(await SharedAzurite.GetConnectionStringAsync()).DeleteTableAsync(table);

        foreach (var response in new[]
        {
            await tenant.GetAsync($"/Users/{userId}"),
            await tenant.GetAsync("/Users"),
            await tenant.PostAsync("/Users", Scim.User(Scim.UniqueName())),
            await tenant.DeleteAsync($"/Users/{userId}"),
        })
        {
            response.AssertScimError(503);
            Assert.NotNull(response.Headers.RetryAfter);
        }

        Assert.Contains(host.Logs.Lines, line => line.Level == Microsoft.Extensions.Logging.LogLevel.Warning && line.Message.Contains("tenant's storage is not available", StringComparison.Ordinal) && line.Scope.TryGetValue("TenantId", out var t) && (string?)t == id);
    }

    private static JsonObject Silo(string id, string table) => new() { ["id"] = id, ["isolation"] = "SiloTable", ["tableName"] = table };
}
