using ScimFunctions.Http.IntegrationTests.Support;

namespace ScimFunctions.Http.IntegrationTests;

/// <summary>Every log line of a request names its tenant and request; no token, hash or password ever reaches a log.</summary>
public sealed class ObservabilityTests(ScimTestHost host) : IClassFixture<ScimTestHost>
{
    [Fact]
    public async Task Request_log_lines_carry_tenant_and_request_id_and_never_a_token_or_password()
    {
        using var tenant = await host.CreateTenantAsync();
        const string password = "Pa55word-that-must-not-leak";
        var user = Scim.User(Scim.UniqueName());
        user["password"] = password;
        var wrongToken = tenant.Token[..^6] + "ffffff";

        await tenant.PostAsync("/Users", user, configure: r => r.Headers.Add("X-Request-Id", "obs-1"));
        await tenant.GetAsync("/Users?filter=" + Scim.Filter("userName eq broken"), r => r.Headers.Add("X-Request-Id", "obs-2"));
        await host.Client(wrongToken).SendJsonAsync(HttpMethod.Get, tenant.BasePath + "/Users", null, configure: r => r.Headers.Add("X-Request-Id", "obs-3"));

        var lines = host.Logs.Lines.ToList();
        var tokenHash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(tenant.Token)));
        foreach (var requestId in new[] { "obs-1", "obs-2", "obs-3" })
        {
            var ofRequest = lines.Where(l => Equals(l.Scope.GetValueOrDefault("RequestId"), requestId)).ToList();
            Assert.NotEmpty(ofRequest);
            Assert.All(ofRequest, l => Assert.Equal(tenant.TenantId, l.Scope["TenantId"]));
            Assert.Contains(ofRequest, l => l.Message.Contains("answered", StringComparison.Ordinal));
        }

        Assert.All(lines, l =>
        {
            Assert.DoesNotContain(tenant.Token, l.AllText, StringComparison.Ordinal);
            Assert.DoesNotContain(wrongToken, l.AllText, StringComparison.Ordinal);
            Assert.DoesNotContain(ScimTestHost.OperatorKey, l.AllText, StringComparison.Ordinal);
            Assert.DoesNotContain(password, l.AllText, StringComparison.Ordinal);
            Assert.DoesNotContain("Bearer ", l.AllText, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(tokenHash, l.AllText, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public async Task Health_needs_no_credential()
    {
        var health = await host.Client().SendJsonAsync(HttpMethod.Get, "/health", null);

        health.AssertStatus(200);
        Assert.Equal("healthy", (string?)health.Body!["status"]);
    }
}
