using System.Text.Json.Nodes;
using ScimFunctions.Http.IntegrationTests.Support;

namespace ScimFunctions.Http.IntegrationTests;

/// <summary>Per-tenant rate limits: 429 with Retry-After and a SCIM error body; other tenants are unaffected.</summary>
public sealed class RateLimitTests(ScimTestHost host) : IClassFixture<ScimTestHost>
{
    [Fact]
    public async Task Requests_above_the_tenant_rate_get_429_with_retry_after_and_other_tenants_carry_on()
    {
        using var slow = await host.CreateTenantAsync(policy: new JsonObject { ["requestsPerSecond"] = 2 });
        using var other = await host.CreateTenantAsync();

        var answers = new List<ScimResponse>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add(await slow.GetAsync("/ServiceProviderConfig"));
        }

        var limited = answers.First(a => a.StatusCode == 429);
        limited.AssertScimError(429);
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Contains(answers, a => a.StatusCode == 200);
        (await other.GetAsync("/ServiceProviderConfig")).AssertStatus(200);
    }
}
