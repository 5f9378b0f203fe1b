using System.Text.Json.Nodes;
using ScimFunctions.Http.IntegrationTests.Support;

namespace ScimFunctions.Http.IntegrationTests;

/// <summary>
/// What the host logs, read as an operator reads it (the JSON console output): filter text, paths with values and
/// bodies are user data and never reach a log; each request's scope renders as its fields.
/// </summary>
public sealed class LogHygieneTests(ScimTestHost host) : IClassFixture<ScimTestHost>
{
    [Fact]
    public async Task Invalid_filters_paths_and_bodies_are_logged_by_kind_and_position_never_by_value()
    {
        using var tenant = await host.CreateTenantAsync();
        var marker = "akadmin" + Guid.NewGuid().ToString("N")[..10];
        var userId = await tenant.CreateUserAsync(Scim.UniqueName());

        var responses = new[]
        {
            await tenant.GetAsync("/Users?filter=" + Scim.Filter($"userName eq \"{marker}"), r => r.Headers.Add("X-Request-Id", "hyg-1")),
            await tenant.GetAsync("/Users?filter=" + Scim.Filter($"active eq \"{marker}\""), r => r.Headers.Add("X-Request-Id", "hyg-2")),
            await tenant.PostAsync("/Users/.search", new JsonObject { ["schemas"] = new JsonArray("urn:ietf:params:scim:api:messages:2.0:SearchRequest"), ["filter"] = $"{marker} eq" }),
            await tenant.PatchAsync($"/Users/{userId}", new JsonObject
            {
                ["schemas"] = new JsonArray("urn:ietf:params:scim:api:messages:2.0:PatchOp"),
                ["Operations"] = new JsonArray(new JsonObject { ["op"] = "replace", ["path"] = $"emails[value eq {marker}", ["value"] = "x" }),
            }),
            await tenant.GetAsync($"/Users?filter={marker}&sortBy={marker}"),
        };
        var notFound = await tenant.GetAsync($"/Users/{marker}@example.com");

        Assert.All(responses, r => Assert.Equal(400, r.StatusCode));
        Assert.Equal(404, notFound.StatusCode);
        Assert.Contains(marker, (string?)responses[0].Body!["detail"], StringComparison.Ordinal); // the client sees its own input
        var lines = host.Logs.Lines.ToList();
        Assert.All(lines, l => Assert.DoesNotContain(marker, l.AllText, StringComparison.Ordinal));
        Assert.All(host.Logs.JsonLines, l => Assert.DoesNotContain(marker, l, StringComparison.Ordinal));
        var answered = Assert.Single(lines, l => Equals(l.Scope.GetValueOrDefault("RequestId"), "hyg-1") && l.Message.StartsWith("Answered 400", StringComparison.Ordinal));
        Assert.Contains("invalidFilter", answered.Message, StringComparison.Ordinal);
        Assert.Contains("at position 12", answered.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_log_lines_render_the_request_scope_as_its_fields()
    {
        using var tenant = await host.CreateTenantAsync();
        await tenant.GetAsync("/Users", r => r.Headers.Add("X-Request-Id", "scope-1"));

        var ofRequest = host.Logs.JsonLines
            .Select(line => JsonNode.Parse(line)!)
            .Where(line => line["Scopes"]?.AsArray().Any(s => (string?)s?["RequestId"] == "scope-1") == true)
            .ToList();

        Assert.NotEmpty(ofRequest);
        Assert.All(ofRequest, line =>
        {
            var scope = line["Scopes"]!.AsArray().Single(s => (string?)s?["RequestId"] == "scope-1")!;
            Assert.Equal($"RequestId:scope-1 TenantId:{tenant.TenantId} Route:ListUsers", (string?)scope["Message"]);
            Assert.Equal(tenant.TenantId, (string?)scope["TenantId"]);
            Assert.Equal("ListUsers", (string?)scope["Route"]);
        });
        Assert.All(host.Logs.JsonLines, line => Assert.DoesNotContain("System.Collections.Generic", line, StringComparison.Ordinal));
    }
}
