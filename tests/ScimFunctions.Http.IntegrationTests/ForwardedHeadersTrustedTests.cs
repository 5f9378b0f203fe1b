using ScimFunctions.Http.IntegrationTests.Support;

namespace ScimFunctions.Http.IntegrationTests;

/// <summary>
/// Behind Front Door or App Gateway with <c>Scim:TrustForwardedHeaders</c> true: URLs carry the public scheme and host
/// the proxy forwards; a value that is not a host is ignored; of a list, the nearest proxy's (last) value counts.
/// </summary>
public sealed class ForwardedHeadersTrustedTests(TrustedProxyHost fixture) : IClassFixture<TrustedProxyHost>
{
    private readonly ScimTestHost _host = fixture.Host;

    [Fact]
    public async Task Every_url_carries_the_forwarded_scheme_and_host()
    {
        using var tenant = await _host.CreateTenantAsync();

        var urls = await LocationProbe.CollectAsync(tenant, LocationProbe.Forwarded("https", "scim.contoso.example"));

        Assert.Equal(8, urls.Count);
        Assert.All(urls, url => Assert.StartsWith($"https://scim.contoso.example/scim/v2/{tenant.TenantId}/", url, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("scim.contoso.example:8443")]
    [InlineData("203.0.113.7:8443")]
    [InlineData("[2001:db8::7]:8443")]
    public async Task A_forwarded_host_with_a_port_is_kept(string forwardedHost)
    {
        using var tenant = await _host.CreateTenantAsync();

        var created = await tenant.PostAsync("/Users", Scim.User(Scim.UniqueName()), configure: LocationProbe.Forwarded("https", forwardedHost));

        Assert.StartsWith($"https://{forwardedHost}/scim/v2/{tenant.TenantId}/Users/", created.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_forwarded_headers_the_request_host_is_used()
    {
        using var tenant = await _host.CreateTenantAsync();

        var created = await tenant.PostAsync("/Users", Scim.User(Scim.UniqueName()));

        Assert.StartsWith($"http://localhost/scim/v2/{tenant.TenantId}/Users/", created.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("evil.example/phish")]
    [InlineData("user@evil.example")]
    [InlineData("evil.example?x=1")]
    [InlineData("evil.example#x")]
    [InlineData("evil example")]
    [InlineData("evil.example:notaport")]
    [InlineData("\"><script>")]
    public async Task A_forwarded_host_that_is_not_a_host_is_ignored(string forwardedHost)
    {
        using var tenant = await _host.CreateTenantAsync();

        var created = await tenant.PostAsync("/Users", Scim.User(Scim.UniqueName()), configure: request =>
            request.Headers.TryAddWithoutValidation("X-Forwarded-Host", forwardedHost));

        created.AssertStatus(201);
        Assert.StartsWith($"http://localhost/scim/v2/{tenant.TenantId}/Users/", created.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.StartsWith($"http://localhost/scim/v2/{tenant.TenantId}/Users/", (string)created.Body!["meta"]!["location"]!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp")]
    [InlineData("javascript")]
    public async Task A_forwarded_scheme_other_than_http_or_https_is_ignored(string scheme)
    {
        using var tenant = await _host.CreateTenantAsync();

        var created = await tenant.PostAsync("/Users", Scim.User(Scim.UniqueName()), configure: request =>
            request.Headers.Add("X-Forwarded-Proto", scheme));

        Assert.StartsWith($"http://localhost/scim/v2/{tenant.TenantId}/Users/", created.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Of_a_forwarded_list_the_nearest_proxys_value_counts_not_the_clients()
    {
        // A client sends its own X-Forwarded-Host; a proxy that appends (rather than replaces) puts the real one last.
        using var tenant = await _host.CreateTenantAsync();

        var created = await tenant.PostAsync("/Users", Scim.User(Scim.UniqueName()), configure: LocationProbe.Forwarded("http, https", "attacker.example, scim.contoso.example"));

        Assert.StartsWith($"https://scim.contoso.example/scim/v2/{tenant.TenantId}/Users/", created.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
