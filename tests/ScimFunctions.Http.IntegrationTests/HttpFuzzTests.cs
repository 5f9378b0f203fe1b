using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ScimFunctions.Http.IntegrationTests.Support;
using Xunit.Abstractions;

namespace ScimFunctions.Http.IntegrationTests;

/// <summary>
/// A seeded, deterministic fuzz run over the HTTP layer of the real host on Kestrel (see <see cref="HostileRequests"/>
/// for the classes): no request is answered 5xx, every refusal is an RFC 7644 error document, and a refused request
/// writes nothing — the tenant's resources are snapshotted before and after every run of refused requests, and no
/// change-log row carries the request id of a refused request. <c>SCIM_FUZZ_REQUESTS</c> and <c>SCIM_FUZZ_SEED</c>
/// set the size and seed (docs/http.md shows a 100,000-request run); <c>SCIM_FUZZ_REQUESTS_PER_TENANT</c> (default
/// 2,400) starts a fresh tenant after that many requests; <c>SCIM_FUZZ_REPORT</c> names a file for the per-class status counts.
/// </summary>
public sealed partial class HttpFuzzTests(KestrelHost fixture, ITestOutputHelper output) : IClassFixture<KestrelHost>
{
    public const string RequestsVariable = "SCIM_FUZZ_REQUESTS";
    public const string SeedVariable = "SCIM_FUZZ_SEED";
    public const string ReportVariable = "SCIM_FUZZ_REPORT";
    public const string RequestsPerTenantVariable = "SCIM_FUZZ_REQUESTS_PER_TENANT";
    public const string SegmentsVariable = "SCIM_FUZZ_SEGMENTS";
    private const int DefaultRequests = 2_400;
    private const int DefaultRequestsPerTenant = 2_400;
    private const int DefaultSeed = 11;

    private readonly ScimTestHost _host = fixture.Host;

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

    [Fact]
    public async Task Hostile_requests_never_answer_5xx_and_refused_requests_change_nothing()
    {
        var total = Setting(RequestsVariable, DefaultRequests);
        var seed = Setting(SeedVariable, DefaultSeed);
        var perTenant = Setting(RequestsPerTenantVariable, DefaultRequestsPerTenant);
        using var policyTenant = await _host.CreateTenantAsync();
        using var operatorClient = _host.Operator();

        var run = new FuzzRun();
        var started = DateTime.UtcNow;
        var tenants = 0;
        var only = Environment.GetEnvironmentVariable(SegmentsVariable) is { Length: > 0 } list
            ? list.Split(',').Select(k => int.Parse(k, CultureInfo.InvariantCulture)).ToHashSet()
            : null;
        for (var first = 0; first < total && run.Failures.Count <= 50; first += perTenant)
        {
            // A fresh tenant for every segment keeps the snapshot and the change-log check of each segment as cheap as
            // the first one; segment k draws from seed + k, so the whole run is still fixed by the seed (and one
            // segment of a long run can be replayed alone with SCIM_FUZZ_SEGMENTS=k).
            var segment = first / perTenant;
            if (only is not null && !only.Contains(segment))
            {
                continue;
            }

            await RunSegmentAsync(run, seed + segment, first, Math.Min(total, first + perTenant), policyTenant.TenantId, operatorClient);
            tenants++;
        }

        var elapsed = DateTime.UtcNow - started;
        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"seed {seed}, {total} requests over {tenants} tenant(s) in {elapsed.TotalSeconds:F0} s; {run.Refused} refused, {run.Verified} of them snapshot-verified; {run.Failures.Count} failures")
            .AppendJoin(Environment.NewLine, run.Counts.Select(pair => $"  {pair.Key}: {pair.Value}"))
            .ToString();
        output.WriteLine(report);
        if (Environment.GetEnvironmentVariable(ReportVariable) is { Length: > 0 } reportFile)
        {
            await File.WriteAllTextAsync(reportFile, report + Environment.NewLine + string.Join(Environment.NewLine, run.Failures));
        }

        Assert.True(run.Failures.Count == 0, report + Environment.NewLine + string.Join(Environment.NewLine, run.Failures.Take(20)));
        Assert.All(Enum.GetValues<HostileClass>(), c => Assert.Contains(run.Counts.Keys, k => k.StartsWith(c + " ", StringComparison.Ordinal)));
    }

    /// <summary>Sends requests [<paramref name="first"/>, <paramref name="end"/>) to a fresh tenant and checks each answer and the tenant's change log.</summary>
    private async Task RunSegmentAsync(FuzzRun run, int seed, int first, int end, string policyTenant, HttpClient operatorClient)
    {
        using var tenant = await _host.CreateTenantAsync(policy: new JsonObject { ["requestsPerSecond"] = 0 });
        var userId = await tenant.CreateUserAsync(Scim.UniqueName());
        var memberId = await tenant.CreateUserAsync(Scim.UniqueName());
        var groupId = await tenant.CreateGroupAsync("fz-stable-group", memberId);
        var requests = new HostileRequests(seed, tenant.BasePath, tenant.Token, policyTenant, userId, groupId, memberId);
        using var tenantClient = _host.Client(tenant.Token);
        var failures = run.Failures;
        var refused = new HashSet<string>(StringComparer.Ordinal);
        string? before = null;
        var beforeOperator = false;
        for (var index = first; index < end && failures.Count <= 50; index++)
        {
            var request = requests.Next(index);
            Func<Task<string>> snapshot = request.IsOperator ? () => PolicyAsync(operatorClient, policyTenant) : () => TenantSnapshot.TakeAsync(tenant);
            if (before is null || beforeOperator != request.IsOperator)
            {
                (before, beforeOperator) = (await snapshot(), request.IsOperator);
            }

            var (status, body, created) = request.RawHttp is null
                ? await SendAsync(request.IsOperator ? operatorClient : tenantClient, request)
                : await SendRawAsync(request);
            var key = $"{request.Class} {status}";
            run.Counts[key] = run.Counts.GetValueOrDefault(key) + 1;
            var what = $"#{request.Index} {request.Class} {request.Template} {request.Method}";
            if (status >= 500)
            {
                failures.Add($"{what} answered {status}: {Truncate(body)}");
                before = null;
            }
            else if (status >= 400 || status == 0)
            {
                refused.Add("fz-" + request.Index.ToString(CultureInfo.InvariantCulture));
                if (request.RawHttp is null && !IsErrorDocument(body, status))
                {
                    failures.Add($"{what}: {status} without an RFC 7644 error document: {Truncate(body)}");
                }

                var after = await snapshot();
                run.Verified++;
                if (after != before)
                {
                    failures.Add($"{what} was refused ({status}), yet the {(request.IsOperator ? "tenant's policy" : "tenant's resources")} changed.");
                }

                before = after;
            }
            else
            {
                foreach (var location in created)
                {
                    (await tenantClient.SendJsonAsync(HttpMethod.Delete, location, null)).AssertStatus(204);
                }

                before = null;
            }

            if (index % 100 == 99)
            {
                failures.AddRange(ServerFaultsLogged());
            }
        }

        failures.AddRange(ServerFaultsLogged());
        run.Refused += refused.Count;
        var writesOfRefused = await ChangesOfAsync(operatorClient, tenant.TenantId, refused);
        failures.AddRange(writesOfRefused.Select(id => $"Request {id} was refused, yet the change log records a write by it."));
    }

    /// <summary>What a run has seen so far, over all its segments.</summary>
    private sealed class FuzzRun
    {
        public List<string> Failures { get; } = [];

        public SortedDictionary<string, int> Counts { get; } = new(StringComparer.Ordinal);

        public int Refused { get; set; }

        public int Verified { get; set; }
    }

    private static string Truncate(string text) => text.Length > 300 ? text[..300] + "…" : text;

    private static bool IsErrorDocument(string body, int status)
    {
        try
        {
            var document = JsonNode.Parse(body);
            return (string?)document?["schemas"]?[0] == "urn:ietf:params:scim:api:messages:2.0:Error"
                && (string?)document["status"] == status.ToString(CultureInfo.InvariantCulture);
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static async Task<string> PolicyAsync(HttpClient operatorClient, string policyTenant)
    {
        var record = await operatorClient.SendJsonAsync(HttpMethod.Get, "/operator/tenants/" + policyTenant, null);
        record.AssertStatus(200);
        return record.Body!["policy"]!.ToJsonString() + record.Body["compatibility"]!.ToJsonString();
    }

    /// <summary>Sends one request; returns its status, body and the locations of resources it created (to delete).</summary>
    private static async Task<(int Status, string Body, IReadOnlyList<string> Created)> SendAsync(HttpClient client, HostileRequest request)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Path);
        message.Headers.Add("X-Request-Id", "fz-" + request.Index.ToString(CultureInfo.InvariantCulture));
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
        }

        using var response = await client.SendAsync(message);
        var body = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        var created = new List<string>();
        if (status == 201 && response.Headers.Location is { } location)
        {
            created.Add(location.ToString());
        }
        else if (status == 200 && request.Path.EndsWith("/Bulk", StringComparison.Ordinal) && JsonNode.Parse(body)?["Operations"] is JsonArray results)
        {
            created.AddRange(results.Where(r => (string?)r?["status"] == "201").Select(r => (string)r!["location"]!));
        }

        return (status, body, created);
    }

    /// <summary>Raw HTTP bytes over a socket (framing faults); status 0 when the server closed without an answer.</summary>
    private async Task<(int Status, string Body, IReadOnlyList<string> Created)> SendRawAsync(HostileRequest request)
    {
        // Each raw request says Connection: close, so the server's answer ends where the connection does.
        var answer = await RawHttp.SendAsync(_host.KestrelAddress!, request.RawHttp!, [], request.CloseAfterSend);
        var parts = answer.Split(' ', 3);
        var status = parts.Length == 3 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : 0;
        var created = status == 201 && LocationHeader().Match(answer) is { Success: true } match ? new[] { match.Groups[1].Value.Trim() } : [];
        return (status, answer, created);
    }

    /// <summary>Request log lines (or unhandled-fault lines) of the host that show a 5xx; the captured lines are consumed.</summary>
    private List<string> ServerFaultsLogged()
    {
        var faults = new List<string>();
        while (_host.Logs.Lines.TryDequeue(out var line))
        {
            var status = AnsweredStatus().Match(line.Message);
            if ((status.Success && status.Groups[1].Value.StartsWith('5')) || line.Message.StartsWith("Unhandled fault", StringComparison.Ordinal))
            {
                faults.Add($"The host logged: {Truncate(line.Message)} (request {(line.Scope.TryGetValue("RequestId", out var id) ? id : "?")}) {Truncate(line.Exception ?? string.Empty)}");
            }
        }

        return faults;
    }

    /// <summary>The ids among <paramref name="requestIds"/> that any change-log row of the tenant names (after the feed settles).</summary>
    private static async Task<IReadOnlyList<string>> ChangesOfAsync(HttpClient operatorClient, string tenantId, HashSet<string> requestIds)
    {
        await Task.Delay(TimeSpan.FromSeconds(5.5));
        var found = new List<string>();
        string? cursor = null;
        do
        {
            var page = await operatorClient.SendJsonAsync(HttpMethod.Get, $"/operator/tenants/{tenantId}/changes?count=1000" + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor)), null);
            page.AssertStatus(200);
            found.AddRange(page.Body!["changes"]!.AsArray().Select(c => (string?)c!["requestId"]).Where(id => id is not null && requestIds.Contains(id)).Select(id => id!));
            cursor = (string?)page.Body["nextCursor"];
            if (page.Body["changes"]!.AsArray().Count == 0)
            {
                break;
            }
        }
        while (cursor is not null);
        return found;
    }

    [GeneratedRegex(@"Status=(\d{3})")]
    private static partial Regex AnsweredStatus();

    [GeneratedRegex(@"\r\nLocation: ([^\r\n]+)", RegexOptions.IgnoreCase)]
    private static partial Regex LocationHeader();
}
