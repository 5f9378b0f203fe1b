using ScimFunctions.Http.IntegrationTests.Support;

namespace ScimFunctions.Http.IntegrationTests;

/// <summary>
/// By default (<c>Scim:TrustForwardedHeaders</c> false, no <c>Scim:PublicBaseUrl</c>) URLs are built on the request's
/// own scheme and host: a client sending X-Forwarded-* headers cannot put a foreign host into the URLs it is given.
/// </summary>
public sealed class ForwardedHeadersUntrustedTests(ScimTestHost host) : IClassFixture<ScimTestHost>
{
    [Fact]
    public async Task Forwarded_headers_are_ignored_and_every_url_names_the_requested_host()
    {
        using var tenant = await host.CreateTenantAsync();

        var urls = await LocationProbe.CollectAsync(tenant, LocationProbe.Forwarded("https", "attacker.example"));

        Assert.All(urls, url => Assert.StartsWith($"http://localhost/scim/v2/{tenant.TenantId}/", url, StringComparison.Ordinal));
    }
}
