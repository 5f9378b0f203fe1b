using System.Text.Json.Nodes;
using ScimFunctions.Core;
using ScimFunctions.Http.IntegrationTests.Support;
using ScimFunctions.Http.Routing;
using ScimFunctions.Testing;

namespace ScimFunctions.Http.IntegrationTests;

/// <summary>
/// <c>/scim/v2/…</c> without the tenant segment: the token's <c>scim_{tenantId}_</c> prefix names the tenant, the token
/// is verified as on the tenant URL, and every URL handed back is in the form the client used.
/// </summary>
public sealed class TokenTenantUrlTests(ScimTestHost host) : IClassFixture<ScimTestHost>
{
    [Fact]
    public async Task Every_tenant_route_is_served_without_the_tenant_segment_and_answers_in_that_url_form()
    {
        using var tenant = await host.CreateTenantAsync(compatibility: new JsonObject { ["patchReturnsNoContent"] = false });
        using var byToken = tenant.ByToken();
        var root = host.Server.BaseAddress.AbsoluteUri.TrimEnd('/') + "/scim/v2/";

        var urls = await LocationProbe.CollectAsync(byToken, _ => { });
        Assert.Equal(8, urls.Count);
        Assert.All(urls, url => Assert.StartsWith(root, url, StringComparison.Ordinal));
        Assert.All(urls, url => Assert.DoesNotContain(tenant.TenantId, url, StringComparison.Ordinal));

        var userName = Scim.UniqueName();
        var userId = await byToken.CreateUserAsync(userName);
        Assert.Equal(200, (await tenant.GetAsync("/Users/" + userId)).StatusCode); // the same tenant, either URL form
        (await byToken.PostAsync("/Users/.search", Search($"userName eq \"{userName}\""))).AssertStatus(200);
        (await byToken.PutAsync("/Users/" + userId, Scim.User(userName))).AssertStatus(200);
        var patched = await byToken.PatchAsync("/Users/" + userId, Scim.Patch(Scim.Op("replace", "displayName", "Token Form")));
        patched.AssertStatus(200);
        Assert.Equal(root + "Users/" + userId, (string)patched.Body!["meta"]!["location"]!);

        var groupId = await byToken.CreateGroupAsync("Token form group", userId);
        (await byToken.GetAsync("/Groups/" + groupId)).AssertStatus(200);
        (await byToken.GetAsync("/Groups")).AssertStatus(200);
        (await byToken.PostAsync("/Groups/.search", Search("displayName eq \"Token form group\""))).AssertStatus(200);
        (await byToken.PutAsync("/Groups/" + groupId, Scim.Group("Token form group 2", userId))).AssertStatus(200);
        (await byToken.PatchAsync("/Groups/" + groupId, Scim.Patch(Scim.Op("replace", "displayName", "Token form group 3")))).AssertStatus(200);
        var all = await byToken.PostAsync("/.search", Search($"userName eq \"{userName}\""));
        all.AssertStatus(200);
        Assert.Equal(root + "Users/" + userId, (string)Assert.Single(all.Resources)["meta"]!["location"]!);

        (await byToken.GetAsync("/ResourceTypes")).AssertStatus(200);
        (await byToken.GetAsync("/Schemas")).AssertStatus(200);
        (await byToken.GetAsync("/Me")).AssertScimError(501);
        (await byToken.DeleteAsync("/Groups/" + groupId)).AssertStatus(204);
        (await byToken.DeleteAsync("/Users/" + userId)).AssertStatus(204);
        (await tenant.GetAsync("/Users/" + userId)).AssertScimError(404);
    }

    [Fact]
    public async Task Every_failure_is_the_same_401_as_on_the_tenant_url()
    {
        using var tenant = await host.CreateTenantAsync();
        using var suspended = await host.CreateTenantAsync();
        using (var operatorClient = host.Operator())
        {
            (await operatorClient.SendJsonAsync(HttpMethod.Post, $"/operator/tenants/{suspended.TenantId}/suspend", null)).AssertStatus(200);
        }

        var reference = await Send(tenant.Token[..^1] + (tenant.Token[^1] == 'a' ? 'b' : 'a'), tenant.BasePath + "/Users");
        Assert.Equal(401, reference.StatusCode);

        var credentials = new (string Case, string? Token)[]
        {
            ("no token", null),
            ("malformed token", "not-a-scim-token"),
            ("no tenant in the token", "scim__" + new string('a', 64)),
            ("unknown tenant", $"scim_{TestNames.TenantId("nx")}_{new string('a', 64)}"),
            ("wrong secret", tenant.Token[..^1] + (tenant.Token[^1] == 'a' ? 'b' : 'a')),
            ("suspended tenant", suspended.Token),
        };
        foreach (var (name, token) in credentials)
        {
            foreach (var path in new[] { "/scim/v2/Users", "/scim/v2/Groups/x", "/scim/v2/ServiceProviderConfig", "/scim/v2/Schemas" })
            {
                var refused = await Send(token, path);
                Assert.True(refused.StatusCode == 401, $"{name} at {path}: {refused.StatusCode} {refused.RawBody}");
                Assert.Equal(reference.RawBody, refused.RawBody);
                Assert.Equal(reference.Headers.WwwAuthenticate.ToString(), refused.Headers.WwwAuthenticate.ToString());
                Assert.Equal(reference.ContentHeaders.ContentType?.ToString(), refused.ContentHeaders.ContentType?.ToString());
            }
        }

        // The suspended tenant's token works again once it is resumed: the refusal was the tenant's state, not the URL form.
        using (var operatorClient = host.Operator())
        {
            (await operatorClient.SendJsonAsync(HttpMethod.Post, $"/operator/tenants/{suspended.TenantId}/resume", null)).AssertStatus(200);
        }

        using var resumed = suspended.ByToken();
        (await resumed.GetAsync("/Users")).AssertStatus(200);
    }

    [Fact]
    public async Task The_token_names_the_tenant_so_another_tenants_resource_is_not_found()
    {
        using var owner = await host.CreateTenantAsync();
        using var other = await host.CreateTenantAsync();
        var userId = await owner.CreateUserAsync(Scim.UniqueName());
        using var otherByToken = other.ByToken();

        (await otherByToken.GetAsync("/Users/" + userId)).AssertScimError(404);
        (await otherByToken.DeleteAsync("/Users/" + userId)).AssertScimError(404);
        Assert.Empty((await otherByToken.GetAsync("/Users")).Resources);
        (await owner.GetAsync("/Users/" + userId)).AssertStatus(200);
    }

    [Theory]
    [InlineData("/scim/v2/Users/Users")]
    [InlineData("/scim/v2/Groups/Users")]
    [InlineData("/scim/v2/Schemas/Groups")]
    [InlineData("/scim/v2/ResourceTypes/Users")]
    public async Task A_literal_segment_wins_over_a_tenant_id_in_the_same_place(string path)
    {
        // Read as the tenant "users"/"groups"/… these would be 401 (no such tenant, and the token names another);
        // read as the token's tenant they are a resource or a discovery document that does not exist: 404.
        using var tenant = await host.CreateTenantAsync();
        (await Send(tenant.Token, path)).AssertScimError(404);
    }

    [Fact]
    public async Task A_tenant_cannot_take_a_word_of_the_token_routes_as_its_id()
    {
        using var operatorClient = host.Operator();
        foreach (var reserved in new[] { "users", "groups", "bulk", "schemas", "resourcetypes", "serviceproviderconfig" })
        {
            var refused = await operatorClient.SendJsonAsync(HttpMethod.Post, "/operator/tenants", new JsonObject { ["id"] = reserved });
            refused.AssertScimError(400, "invalidValue");
            Assert.Contains("reserved", (string)refused.Body!["detail"]!, StringComparison.Ordinal);
            (await operatorClient.SendJsonAsync(HttpMethod.Get, "/operator/tenants/" + reserved, null)).AssertStatus(404);
        }
    }

    [Fact]
    public void The_reserved_tenant_ids_cover_every_first_segment_of_the_token_routes()
    {
        var tokenRoutes = ScimRoutes.All.Where(r => r.TenantFromToken).ToList();
        // Every SCIM tenant route has its twin without the tenant segment (the MCP route is not under the SCIM base).
        Assert.Equal(ScimRoutes.All.Count(r => r.Access == RouteAccess.Tenant && !r.TenantFromToken && !r.IsMcp), tokenRoutes.Count);
        foreach (var route in tokenRoutes)
        {
            var first = route.Template[(ScimRoutes.TokenBase.Length + 1)..].Split('/')[0].ToLowerInvariant();
            Assert.True(TenantId.Reserved.Contains(first) || !TenantId.IsValid(first), $"{route}: '{first}' could be a tenant id.");
        }
    }

    private async Task<ScimResponse> Send(string? token, string path)
    {
        using var client = host.Client(token);
        return await client.SendJsonAsync(HttpMethod.Get, path, null);
    }

    private static JsonObject Search(string filter) => new()
    {
        ["schemas"] = new JsonArray(Scim.SearchRequestSchema),
        ["filter"] = filter,
    };
}
