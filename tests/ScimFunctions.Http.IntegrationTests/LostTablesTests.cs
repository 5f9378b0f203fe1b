using System.Text.Json.Nodes;
using Azure.Data.Tables;
using ScimFunctions.Http.IntegrationTests.Support;
using ScimFunctions.Testing;

namespace ScimFunctions.Http.IntegrationTests;

/// <summary>
/// Storage that restarted and lost its tables (Azurite without persistence, an account restored empty) under a running
/// host: every request is a 503 with Retry-After (the operator recreates the tables), never a 500.
/// </summary>
public sealed class LostTablesTests
{
    // Which requests need the lost table (the others may still be served from what the host cached). On the original
    // code a lost registry table made a known tenant 404 ("no such tenant") and a lost token table was recreated empty by the next token issue (every other token of every tenant gone).
    [Theory]
    [InlineData("Scim:Storage:ResourceTable", "list users,get user,create user,patch group,delete user")]
    [InlineData("Scim:Storage:TenantTable", "operator get,operator list,operator create,operator token")]
    [InlineData("Scim:Storage:TokenTable", "operator token")]
    public async Task Requests_after_a_table_is_deleted_under_the_running_host_get_503_with_retry_after(string table, string needTheTable)
    {
        var host = new ScimTestHost();
        await host.InitializeAsync();
        try
        {
            using var tenant = await host.CreateTenantAsync();
            var userId = await tenant.CreateUserAsync("before@example.com");
            var groupId = await tenant.CreateGroupAsync("before", userId);
            var service = new TableServiceClient(await SharedAzurite.GetConnectionStringAsync());
            await service.DeleteTableAsync(host.EffectiveSettings[table]);

            using var operatorClient = host.Operator();
            var responses = new List<(string, ScimResponse)>
            {
                ("list users", await tenant.GetAsync("/Users")),
                ("get user", await tenant.GetAsync($"/Users/{userId}")),
                ("create user", await tenant.PostAsync("/Users", Scim.User("after@example.com"))),
                ("patch group", await tenant.PatchAsync($"/Groups/{groupId}", Scim.Patch(new JsonObject { ["op"] = "add", ["path"] = "members", ["value"] = new JsonArray(new JsonObject { ["value"] = userId }) }))),
                ("delete user", await tenant.DeleteAsync($"/Users/{userId}")),
                ("with another token", await host.Client(tenant.Token + "x").SendJsonAsync(HttpMethod.Get, $"/scim/v2/{tenant.TenantId}/Users", null)),
                ("operator get", await operatorClient.SendJsonAsync(HttpMethod.Get, $"/operator/tenants/{tenant.TenantId}", null)),
                ("operator list", await operatorClient.SendJsonAsync(HttpMethod.Get, "/operator/tenants", null)),
                ("operator create", await operatorClient.SendJsonAsync(HttpMethod.Post, "/operator/tenants", new JsonObject { ["id"] = TestNames.TenantId() })),
                ("operator token", await operatorClient.SendJsonAsync(HttpMethod.Post, $"/operator/tenants/{tenant.TenantId}/tokens", null)),
            };

            var expected = needTheTable.Split(',');
            var failures = responses
                .Where(r => r.Item2.StatusCode == 500 || (expected.Contains(r.Item1) && (r.Item2.StatusCode != 503 || r.Item2.Headers.RetryAfter is null || r.Item2.Body?["schemas"] is null)))
                .Select(r => $"{r.Item1}: {r.Item2.StatusCode}").ToList();
            Assert.True(failures.Count == 0, string.Join("; ", failures) + " | all: " + string.Join("; ", responses.Select(r => $"{r.Item1}: {r.Item2.StatusCode}")));
        }
        finally
        {
            await host.DisposeAsync();
        }
    }
}
