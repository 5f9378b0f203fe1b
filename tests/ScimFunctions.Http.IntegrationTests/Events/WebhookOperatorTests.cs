using System.Text.Json.Nodes;
using ScimFunctions.Http.IntegrationTests.Support;

namespace ScimFunctions.Http.IntegrationTests.Events;

/// <summary>
/// The operator API for webhooks on a host in production (the default environment): URL rules (SSRF), the secret
/// shown once, list/remove/rotate, and the operator's read of a tenant's resources.
/// </summary>
public sealed class WebhookOperatorTests : IAsyncLifetime
{
    private readonly ScimTestHost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    [Theory]
    [InlineData("http://example.com/hook")] // not https
    [InlineData("http://127.0.0.1:9/hook")] // http loopback: development only
    [InlineData("https://127.0.0.1/hook")] // loopback
    [InlineData("https://10.1.2.3/hook")] // private
    [InlineData("https://169.254.169.254/latest/meta-data")] // link-local (cloud metadata)
    [InlineData("https://[::1]/hook")]
    [InlineData("https://localhost/hook")]
    [InlineData("ftp://example.com/hook")]
    [InlineData("not a url")]
    public async Task AUrlOutsideTheRulesIsRefusedAndNothingIsStored(string url)
    {
        using var client = _host.Operator();
        var response = await client.SendJsonAsync(HttpMethod.Post, "/operator/webhooks", new JsonObject { ["url"] = url });
        response.AssertScimError(400, "invalidValue");
        var list = await client.SendJsonAsync(HttpMethod.Get, "/operator/webhooks", null);
        list.AssertStatus(200);
        Assert.DoesNotContain(list.Body!["webhooks"]!.AsArray(), w => (string?)w!["url"] == url);
    }

    [Fact]
    public async Task AnUnknownEventTypeOrTenantIsRefused()
    {
        using var client = _host.Operator();
        (await client.SendJsonAsync(HttpMethod.Post, "/operator/webhooks", new JsonObject { ["url"] = "https://93.184.215.14/hook", ["events"] = new JsonArray("user.exploded") })).AssertScimError(400, "invalidValue");
        (await client.SendJsonAsync(HttpMethod.Post, "/operator/webhooks", new JsonObject { ["url"] = "https://93.184.215.14/hook", ["tenant"] = "no-such-tenant" })).AssertScimError(404);
    }

    [Fact]
    public async Task AddListRotateRemove_TheSecretIsShownOnceAndNeverListed()
    {
        using var tenant = await _host.CreateTenantAsync();
        using var client = _host.Operator();
        var added = await client.SendJsonAsync(HttpMethod.Post, "/operator/webhooks", new JsonObject
        {
            ["url"] = "https://93.184.215.14/hook",
            ["tenant"] = tenant.TenantId,
            ["events"] = new JsonArray("user.*", "group.members.*"),
        });
        added.AssertStatus(201);
        var id = (string)added.Body!["id"]!;
        var secret = (string)added.Body["secret"]!;
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);

        var list = await client.SendJsonAsync(HttpMethod.Get, "/operator/webhooks", null);
        list.AssertStatus(200);
        var listed = list.Body!["webhooks"]!.AsArray().Single(w => (string?)w!["id"] == id)!;
        Assert.Equal("active", (string)listed["status"]!);
        Assert.Equal(tenant.TenantId, (string)listed["tenant"]!);
        Assert.DoesNotContain(secret, list.RawBody, StringComparison.Ordinal);

        var rotated = await client.SendJsonAsync(HttpMethod.Post, $"/operator/webhooks/{id}/rotate-secret", null);
        rotated.AssertStatus(200);
        Assert.NotEqual(secret, (string)rotated.Body!["secret"]!);

        (await client.SendJsonAsync(HttpMethod.Delete, $"/operator/webhooks/{id}", null)).AssertStatus(204);
        (await client.SendJsonAsync(HttpMethod.Delete, $"/operator/webhooks/{id}", null)).AssertScimError(404);
        (await client.SendJsonAsync(HttpMethod.Post, $"/operator/webhooks/{id}/rotate-secret", null)).AssertScimError(404);
        (await client.SendJsonAsync(HttpMethod.Post, "/operator/webhooks/not-an-id/test", null)).AssertScimError(404);

        // Each admin action is in the tenant's operator audit log, by the operator key, without the secrets.
        var audit = await client.SendJsonAsync(HttpMethod.Get, $"/operator/tenants/{tenant.TenantId}/audit", null);
        audit.AssertStatus(200);
        var records = audit.Body!["records"]!.AsArray().Select(r => r!).Where(r => ((string)r["action"]!).StartsWith("webhook.", StringComparison.Ordinal)).ToList();
        Assert.Equal(["webhook.add", "webhook.rotate-secret", "webhook.remove"], records.Select(r => (string?)r["action"]));
        Assert.All(records, r => Assert.Equal("succeeded", (string?)r["outcome"]));
        Assert.All(records, r => Assert.StartsWith("operator", (string?)r["actor"], StringComparison.Ordinal));
        Assert.All(records, r => Assert.Contains("webhookId=" + id, (string?)r["detail"], StringComparison.Ordinal));
        Assert.DoesNotContain(secret, audit.RawBody, StringComparison.Ordinal);
        Assert.DoesNotContain((string)rotated.Body!["secret"]!, audit.RawBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheOperatorReadsATenantsResourcesAsGetShowsThemAndAnotherTenantsAre404()
    {
        using var tenant = await _host.CreateTenantAsync();
        using var other = await _host.CreateTenantAsync();
        var user = Scim.User(Scim.UniqueName());
        user["password"] = "Secret-Passw0rd!";
        var created = await tenant.PostAsync("/Users", user);
        created.AssertStatus(201);
        var userId = (string)created.Body!["id"]!;
        var groupId = await tenant.CreateGroupAsync("Ops", userId);

        using var client = _host.Operator();
        var read = await client.SendJsonAsync(HttpMethod.Get, $"/operator/tenants/{tenant.TenantId}/Users/{userId}", null);
        read.AssertStatus(200);
        Assert.Equal(userId, (string)read.Body!["id"]!);
        Assert.Null(read.Body["password"]);
        var asTenant = await tenant.GetAsync($"/Users/{userId}");
        Assert.Equal(asTenant.Body!["meta"]!["location"]!.ToJsonString(), read.Body["meta"]!["location"]!.ToJsonString());
        var group = await client.SendJsonAsync(HttpMethod.Get, $"/operator/tenants/{tenant.TenantId}/Groups/{groupId}", null);
        group.AssertStatus(200);
        Assert.Equal(userId, (string)group.Body!["members"]![0]!["value"]!);

        (await client.SendJsonAsync(HttpMethod.Get, $"/operator/tenants/{other.TenantId}/Users/{userId}", null)).AssertScimError(404);
        (await client.SendJsonAsync(HttpMethod.Get, $"/operator/tenants/no-such-tenant/Users/{userId}", null)).AssertScimError(404);
        using var tenantToken = _host.Client(tenant.Token);
        (await tenantToken.SendJsonAsync(HttpMethod.Get, $"/operator/tenants/{tenant.TenantId}/Users/{userId}", null)).AssertScimError(401);
    }
}
