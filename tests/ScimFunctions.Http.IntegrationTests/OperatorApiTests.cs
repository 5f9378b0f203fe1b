using System.Text.Json.Nodes;
using ScimFunctions.Http.IntegrationTests.Support;

namespace ScimFunctions.Http.IntegrationTests;

/// <summary>The operator API: its own credential, tenant lifecycle, token rotation and revocation, the change log.</summary>
public sealed class OperatorApiTests(ScimTestHost host) : IClassFixture<ScimTestHost>
{
    [Fact]
    public async Task Operator_routes_refuse_no_key_a_wrong_key_and_a_tenant_token()
    {
        using var tenant = await host.CreateTenantAsync();

        (await host.Client().SendJsonAsync(HttpMethod.Get, "/operator/tenants", null)).AssertScimError(401);
        (await host.Client("not-the-key").SendJsonAsync(HttpMethod.Get, "/operator/tenants", null)).AssertScimError(401);
        (await host.Client(tenant.Token).SendJsonAsync(HttpMethod.Get, $"/operator/tenants/{tenant.TenantId}", null)).AssertScimError(401);
    }

    [Fact]
    public async Task Suspend_locks_the_tenant_out_at_once_and_resume_lets_it_back_in()
    {
        using var tenant = await host.CreateTenantAsync();
        using var operatorClient = host.Operator();
        (await tenant.GetAsync("/Users")).AssertStatus(200);

        (await operatorClient.SendJsonAsync(HttpMethod.Post, $"/operator/tenants/{tenant.TenantId}/suspend", null)).AssertStatus(200);
        (await tenant.GetAsync("/Users")).AssertScimError(401);
        var resumed = await operatorClient.SendJsonAsync(HttpMethod.Post, $"/operator/tenants/{tenant.TenantId}/resume", null);

        resumed.AssertStatus(200);
        Assert.Equal("Active", (string?)resumed.Body!["status"]);
        (await tenant.GetAsync("/Users")).AssertStatus(200);
    }

    [Fact]
    public async Task Rotation_without_overlap_and_revocation_end_old_tokens_and_listing_shows_no_secret()
    {
        using var tenant = await host.CreateTenantAsync();
        using var operatorClient = host.Operator();

        var rotated = await operatorClient.SendJsonAsync(HttpMethod.Post, $"/operator/tenants/{tenant.TenantId}/tokens/rotate", new JsonObject { ["overlapHours"] = 0 }, "application/json");
        rotated.AssertStatus(201);
        var newToken = (string)rotated.Body!["token"]!;
        (await tenant.GetAsync("/Users")).AssertScimError(401);
        (await host.Client(newToken).SendJsonAsync(HttpMethod.Get, tenant.BasePath + "/Users", null)).AssertStatus(200);

        var listed = await operatorClient.SendJsonAsync(HttpMethod.Get, $"/operator/tenants/{tenant.TenantId}/tokens", null);
        listed.AssertStatus(200);
        Assert.DoesNotContain(newToken, listed.RawBody, StringComparison.Ordinal);
        Assert.Contains(listed.Body!["tokens"]!.AsArray(), t => (string?)t!["tokenId"] == (string?)rotated.Body["tokenId"]);

        (await operatorClient.SendJsonAsync(HttpMethod.Delete, $"/operator/tenants/{tenant.TenantId}/tokens/{rotated.Body["tokenId"]}", null)).AssertStatus(204);
        (await host.Client(newToken).SendJsonAsync(HttpMethod.Get, tenant.BasePath + "/Users", null)).AssertScimError(401);
    }

    [Fact]
    public async Task Policy_changes_apply_at_once_and_bad_policies_are_400()
    {
        using var tenant = await host.CreateTenantAsync();
        using var operatorClient = host.Operator();

        var updated = await operatorClient.SendJsonAsync(HttpMethod.Put, $"/operator/tenants/{tenant.TenantId}/policy", new JsonObject { ["allowedOperations"] = "Read", ["requestsPerSecond"] = 100 }, "application/json");
        updated.AssertStatus(200);
        (await tenant.PostAsync("/Users", Scim.User(Scim.UniqueName()))).AssertScimError(403);

        (await operatorClient.SendJsonAsync(HttpMethod.Put, $"/operator/tenants/{tenant.TenantId}/policy", new JsonObject { ["requestsPerSecnd"] = 1 }, "application/json")).AssertScimError(400);
        (await operatorClient.SendJsonAsync(HttpMethod.Post, "/operator/tenants", new JsonObject { ["id"] = "Bad_Id" }, "application/json")).AssertScimError(400);
        (await operatorClient.SendJsonAsync(HttpMethod.Get, "/operator/tenants/no-such-tenant", null)).AssertScimError(404);
    }

    [Fact]
    public async Task The_change_log_lists_the_tenant_changes_in_order()
    {
        using var tenant = await host.CreateTenantAsync();
        using var operatorClient = host.Operator();
        var id = await tenant.CreateUserAsync(Scim.UniqueName());
        (await tenant.DeleteAsync($"/Users/{id}")).AssertStatus(204);

        var changes = new List<JsonNode?>();
        for (var attempt = 0; attempt < 40 && changes.Count < 2; attempt++)
        {
            var page = await operatorClient.SendJsonAsync(HttpMethod.Get, $"/operator/tenants/{tenant.TenantId}/changes?count=100", null);
            page.AssertStatus(200);
            changes = [.. page.Body!["changes"]!.AsArray()];
            if (changes.Count < 2)
            {
                await Task.Delay(250);
            }
        }

        Assert.Equal(["Created", "Deleted"], changes.Select(c => (string?)c!["operation"]));
        Assert.All(changes, c => Assert.Equal(id, (string?)c!["resourceId"]));
    }
}
