using System.Text;
using System.Text.Json.Nodes;
using ScimFunctions.Http.IntegrationTests.Support;

namespace ScimFunctions.Http.IntegrationTests;

/// <summary>
/// What the success path costs in log output, read as the JSON console writes it: at the production minimum level
/// (Information) a successful request writes (almost) nothing, so a million of them ingest next to nothing; a refused
/// request is still logged.
/// </summary>
public sealed class LogVolumeTests(ScimTestHost host) : IClassFixture<ScimTestHost>
{
    /// <summary>The goal of the success path: at most 50 bytes of Information-or-higher log output per request, on average.</summary>
    private const double MaxBytesPerSuccessfulRequest = 50;

    private static readonly HashSet<string> _productionLevels = new(StringComparer.Ordinal) { "Information", "Warning", "Error", "Critical" };

    [Fact]
    public async Task Successful_requests_write_at_most_50_bytes_of_log_output_each_at_the_production_level()
    {
        using var tenant = await host.CreateTenantAsync();
        var prefix = "vol-" + Guid.NewGuid().ToString("N")[..8] + "-";
        var userName = Scim.UniqueName();
        var requests = 0;
        Action<HttpRequestMessage> Id() => r => r.Headers.Add("X-Request-Id", prefix + requests++);

        var created = await tenant.PostAsync("/Users", Scim.User(userName), configure: Id());
        created.AssertStatus(201);
        var id = (string)created.Body!["id"]!;
        for (var i = 0; i < 5; i++)
        {
            (await tenant.GetAsync($"/Users/{id}", Id())).AssertStatus(200);
            (await tenant.GetAsync("/Users?filter=" + Scim.Filter($"userName eq \"{userName}\""), Id())).AssertStatus(200);
            (await tenant.GetAsync("/Users?filter=" + Scim.Filter("userName eq \"nobody@example.com\""), Id())).AssertStatus(200);
            Assert.InRange((await tenant.PatchAsync($"/Users/{id}", Scim.Patch(Scim.Op("replace", "displayName", $"Volume {i}")), Id())).StatusCode, 200, 204);
        }

        var bytes = BytesLogged(prefix);

        Assert.True(bytes / (double)requests <= MaxBytesPerSuccessfulRequest, $"{requests} successful requests logged {bytes} bytes at Information or higher ({bytes / (double)requests:F0} B each).");
    }

    [Fact]
    public async Task A_refused_request_is_still_logged_at_the_production_level()
    {
        using var tenant = await host.CreateTenantAsync();
        var requestId = "vol-" + Guid.NewGuid().ToString("N")[..8] + "-refused";

        (await tenant.GetAsync("/Users?filter=" + Scim.Filter("userName eq"), r => r.Headers.Add("X-Request-Id", requestId))).AssertStatus(400);

        Assert.True(BytesLogged(requestId) > 0, "A 400 wrote no line at Information or higher.");
    }

    private long BytesLogged(string requestIdPrefix) => host.Logs.JsonLines
        .Select(line => (Text: line, Json: JsonNode.Parse(line)!))
        .Where(line => _productionLevels.Contains((string?)line.Json["LogLevel"] ?? string.Empty)
            && line.Json["Scopes"]?.AsArray().Any(s => ((string?)s?["RequestId"])?.StartsWith(requestIdPrefix, StringComparison.Ordinal) == true) == true)
        .Sum(line => (long)Encoding.UTF8.GetByteCount(line.Text));
}
