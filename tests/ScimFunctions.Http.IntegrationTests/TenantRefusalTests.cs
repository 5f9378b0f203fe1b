using System.Text.Json.Nodes;
using ScimFunctions.Http.IntegrationTests.Support;

namespace ScimFunctions.Http.IntegrationTests;

/// <summary>
/// An identity provider gets the same 401 for a wrong token, a suspended and an expired tenant; the operator's view
/// of the tenant (GET /operator/tenants/{id}) says which, with counts per reason and the tenant's state.
/// </summary>
public sealed class TenantRefusalTests(ScimTestHost host) : IClassFixture<ScimTestHost>
{
    [Fact]
    public async Task Wrong_token_suspended_and_expired_refusals_are_counted_by_reason_in_the_operator_view()
    {
        using var tenant = await host.CreateTenantAsync();
        using var operatorClient = host.Operator();
        using var wrongToken = host.Client("scim_not-a-token-of-this-tenant");
        for (var i = 0; i < 3; i++)
        {
            (await wrongToken.SendJsonAsync(HttpMethod.Get, tenant.BasePath + "/Users", null)).AssertScimError(401);
        }

        (await operatorClient.SendJsonAsync(HttpMethod.Post, $"/operator/tenants/{tenant.TenantId}/suspend", null)).AssertStatus(200);
        (await tenant.GetAsync("/Users")).AssertScimError(401);
        (await tenant.GetAsync("/Users")).AssertScimError(401);
        var suspended = await operatorClient.SendJsonAsync(HttpMethod.Get, $"/operator/tenants/{tenant.TenantId}", null);
        (await operatorClient.SendJsonAsync(HttpMethod.Post, $"/operator/tenants/{tenant.TenantId}/resume", null)).AssertStatus(200);
        var past = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O");
        (await operatorClient.SendJsonAsync(HttpMethod.Put, $"/operator/tenants/{tenant.TenantId}/policy", new JsonObject { ["expiresAt"] = past }, "application/json")).AssertStatus(200);
        (await tenant.GetAsync("/Users")).AssertScimError(401);

        var shown = await operatorClient.SendJsonAsync(HttpMethod.Get, $"/operator/tenants/{tenant.TenantId}", null);

        shown.AssertStatus(200);
        Assert.Equal("suspended", (string?)suspended.Body!["state"]);
        Assert.Equal("expired", (string?)shown.Body!["state"]);
        Assert.Equal("Active", (string?)shown.Body["status"]);
        var refusals = shown.Body["refusals"]!;
        Assert.Equal(
            (3L, 2L, 1L),
            ((long)refusals["counts"]!["invalid_token"]!, (long)refusals["counts"]!["tenant_suspended"]!, (long)refusals["counts"]!["tenant_expired"]!));
        Assert.Equal("tenant_expired", (string?)refusals["lastReason"]);
        Assert.DoesNotContain("scim_not-a-token", shown.RawBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tenant_nobody_was_refused_for_shows_active_and_no_counts()
    {
        using var tenant = await host.CreateTenantAsync();
        using var operatorClient = host.Operator();
        (await tenant.GetAsync("/Users")).AssertStatus(200);

        var shown = await operatorClient.SendJsonAsync(HttpMethod.Get, $"/operator/tenants/{tenant.TenantId}", null);

        Assert.Equal("active", (string?)shown.Body!["state"]);
        Assert.Empty(shown.Body["refusals"]!["counts"]!.AsObject());
    }
}
