using ScimFunctions.Http.IntegrationTests.Support;

namespace ScimFunctions.Http.IntegrationTests;

/// <summary>
/// With <c>Scim:PublicBaseUrl</c> set (the recommended setting behind a proxy), every URL is built on it, path
/// included, whatever the request's host or forwarded headers say.
/// </summary>
public sealed class PublicBaseUrlTests(PublicBaseUrlHost fixture) : IClassFixture<PublicBaseUrlHost>
{
    private readonly ScimTestHost _host = fixture.Host;

    [Fact]
    public async Task Every_url_is_built_on_the_configured_public_url_even_with_forwarded_headers()
    {
        using var tenant = await _host.CreateTenantAsync();

        var urls = await LocationProbe.CollectAsync(tenant, LocationProbe.Forwarded("http", "attacker.example"));

        Assert.Equal(8, urls.Count);
        Assert.All(urls, url => Assert.StartsWith($"https://scim.contoso.example/provisioning/scim/v2/{tenant.TenantId}/", url, StringComparison.Ordinal));
    }
}
