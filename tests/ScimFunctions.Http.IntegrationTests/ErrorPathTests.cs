using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ScimFunctions.Http.IntegrationTests.Support;

namespace ScimFunctions.Http.IntegrationTests;

/// <summary>Every error is an RFC 7644 error document with the right status and scimType; bad input is 4xx, never 500.</summary>
public sealed class ErrorPathTests(ScimTestHost host) : IClassFixture<ScimTestHost>
{
    [Fact]
    public async Task Malformed_json_is_400_invalidSyntax()
    {
        using var tenant = await host.CreateTenantAsync();
        using var client = host.Client(tenant.Token);
        using var request = new HttpRequestMessage(HttpMethod.Post, tenant.BasePath + "/Users")
        {
            Content = new StringContent("{\"userName\": \"x\",", Encoding.UTF8, "application/scim+json"),
        };

        (await client.SendScimAsync(request)).AssertScimError(400, "invalidSyntax");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/scim+json; charset=iso-8859-1")]
    public async Task A_body_of_another_content_type_is_415(string contentType)
    {
        using var tenant = await host.CreateTenantAsync();

        var response = await tenant.PostAsync("/Users", Scim.User(Scim.UniqueName()), contentType);

        response.AssertScimError(415);
    }

    [Theory]
    [InlineData("application/scim+json")]
    [InlineData("application/scim+json; charset=utf-8")]
    [InlineData("application/json")]
    [InlineData("application/json; charset=UTF-8")]
    public async Task Scim_json_and_json_with_or_without_charset_are_accepted(string contentType)
    {
        using var tenant = await host.CreateTenantAsync();

        (await tenant.PostAsync("/Users", Scim.User(Scim.UniqueName()), contentType)).AssertStatus(201);
    }

    [Fact]
    public async Task A_body_above_the_tenant_limit_is_413_by_content_length_and_while_reading_a_chunked_body()
    {
        using var tenant = await host.CreateTenantAsync(policy: new JsonObject { ["maxRequestBytes"] = 2048 });
        var big = Scim.User(Scim.UniqueName());
        big["displayName"] = new string('x', 4096);
        using var client = host.Client(tenant.Token);

        (await tenant.PostAsync("/Users", big)).AssertScimError(413);

        using var chunked = new HttpRequestMessage(HttpMethod.Post, tenant.BasePath + "/Users")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big.ToJsonString()))),
        };
        chunked.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/scim+json");
        chunked.Headers.TransferEncodingChunked = true;
        (await client.SendScimAsync(chunked)).AssertScimError(413);
        Assert.Equal(0, (await tenant.GetAsync("/Users")).Body!["totalResults"]!.GetValue<long>());
    }

    [Fact]
    public async Task Deep_nesting_is_400_invalidSyntax()
    {
        using var tenant = await host.CreateTenantAsync();
        var nested = new StringBuilder("{\"schemas\":[\"" + Scim.UserSchema + "\"],\"userName\":\"deep@example.com\",\"x\":");
        nested.Append(string.Concat(Enumerable.Repeat("[", 200))).Append(string.Concat(Enumerable.Repeat("]", 200))).Append('}');
        using var client = host.Client(tenant.Token);
        using var request = new HttpRequestMessage(HttpMethod.Post, tenant.BasePath + "/Users")
        {
            Content = new StringContent(nested.ToString(), Encoding.UTF8, "application/scim+json"),
        };

        (await client.SendScimAsync(request)).AssertScimError(400, "invalidSyntax");
    }

    [Theory]
    [InlineData("userName eq displayName")]
    [InlineData("userName eq \"a\" and")]
    [InlineData("((((userName eq \"a\"")]
    public async Task An_invalid_filter_is_400_invalidFilter_never_an_unfiltered_list(string filter)
    {
        using var tenant = await host.CreateTenantAsync();
        await tenant.CreateUserAsync(Scim.UniqueName());

        (await tenant.GetAsync($"/Users?filter={Scim.Filter(filter)}")).AssertScimError(400, "invalidFilter");
    }

    [Fact]
    public async Task An_unknown_patch_op_is_400_and_changes_nothing()
    {
        using var tenant = await host.CreateTenantAsync();
        var id = await tenant.CreateUserAsync(Scim.UniqueName());

        var response = await tenant.PatchAsync($"/Users/{id}", Scim.Patch(Scim.Op("replace", "active", false), Scim.Op("explode", "name", null)));

        Assert.Equal(400, response.StatusCode);
        response.AssertScimError(400);
        Assert.True((await tenant.GetAsync($"/Users/{id}")).Body!["active"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("/nowhere")]
    [InlineData("/scim/v2")]
    [InlineData("/scim/v2/tenant-x/Nothing")]
    [InlineData("/scim/v2/tenant-x/Users/a/b")]
    public async Task Unknown_urls_are_a_scim_404(string path)
    {
        (await host.Client().SendJsonAsync(HttpMethod.Get, path, null)).AssertScimError(404);
    }

    [Theory]
    [InlineData("POST", "/ServiceProviderConfig", "GET")]
    [InlineData("DELETE", "/Schemas", "GET")]
    [InlineData("PUT", "/ResourceTypes/User", "GET")]
    [InlineData("PUT", "/Users", "GET, POST")]
    public async Task A_known_url_with_another_method_is_a_scim_405_with_allow(string method, string relative, string allow)
    {
        using var tenant = await host.CreateTenantAsync();
        using var client = host.Client(tenant.Token);

        var response = await client.SendJsonAsync(new HttpMethod(method), tenant.BasePath + relative, new JsonObject());

        response.AssertScimError(405);
        Assert.Equal(allow, response.ContentHeaders.Allow.Count > 0 ? string.Join(", ", response.ContentHeaders.Allow) : null);
    }

    [Fact]
    public async Task Me_is_501()
    {
        using var tenant = await host.CreateTenantAsync();

        (await tenant.GetAsync("/Me")).AssertScimError(501);
    }

    [Fact]
    public async Task A_malformed_tenant_id_is_404_before_authentication()
    {
        (await host.Client().SendJsonAsync(HttpMethod.Get, "/scim/v2/Bad_Tenant/Users", null)).AssertScimError(404);
        (await host.Client().SendJsonAsync(HttpMethod.Get, "/scim/v2/-bad/Users", null)).AssertScimError(404);
    }

    [Fact]
    public async Task A_read_only_tenant_gets_403_for_writes_and_reads_normally()
    {
        using var tenant = await host.CreateTenantAsync(policy: new JsonObject { ["allowedOperations"] = "Read" });

        (await tenant.PostAsync("/Users", Scim.User(Scim.UniqueName()))).AssertScimError(403);
        (await tenant.GetAsync("/Users")).AssertStatus(200);
    }

    [Fact]
    public async Task The_request_id_is_echoed_or_generated()
    {
        using var tenant = await host.CreateTenantAsync();

        var echoed = await tenant.GetAsync("/Users", r => r.Headers.Add("X-Request-Id", "req-123"));
        var generated = await tenant.GetAsync("/Users/nope");

        Assert.Equal("req-123", echoed.Headers.GetValues("X-Request-Id").Single());
        Assert.Matches("^[0-9a-f]{32}$", generated.Headers.GetValues("X-Request-Id").Single());
    }
}
