using System.Net;
using ScimFunctions.LoadTool.Client;
using ScimFunctions.LoadTool.Running;

namespace ScimFunctions.LoadTool.Tests.Running;

public class LoadRunnerTests
{
    private static readonly RetryPolicy _fastRetry = new(MaxAttempts: 3, DefaultDelay: TimeSpan.FromMilliseconds(1), MaxDelay: TimeSpan.FromMilliseconds(5));

    [Fact]
    public async Task A_503_with_Retry_After_is_retried_and_every_attempt_is_recorded()
    {
        var transport = new ScriptedTransport((_, call) => call == 1
            ? ScriptedTransport.Json(HttpStatusCode.ServiceUnavailable, """{"status":"503"}""", retryAfter: TimeSpan.FromSeconds(1))
            : ScriptedTransport.Json(HttpStatusCode.OK, """{"id":"1"}""", storageRequests: 1));
        var (runner, client) = Create(transport);

        var result = await runner.RunAsync([Phase.Counted("get", 1, (_, ct) => GetAsync(client, ct))]);

        var stats = Assert.Single(result.Operations);
        Assert.Equal(2, stats.Count);
        Assert.Equal(1, stats.Statuses[503]);
        Assert.Equal(1, stats.Statuses[200]);
        Assert.Equal(0, result.FailedWorkItems);
    }

    [Fact]
    public async Task A_client_error_is_not_retried_and_the_work_item_counts_as_failed()
    {
        var transport = new ScriptedTransport((_, _) => ScriptedTransport.Json(HttpStatusCode.BadRequest, """{"status":"400","detail":"bad filter"}"""));
        var (runner, client) = Create(transport);

        var result = await runner.RunAsync([Phase.Counted("get", 3, (_, ct) => GetAsync(client, ct))]);

        Assert.Equal(3, transport.Calls);
        Assert.Equal(3, result.FailedWorkItems);
        Assert.Contains(result.SampleFailures, f => f.Contains("400: bad filter", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_work_item_gives_up_after_the_last_attempt()
    {
        var transport = new ScriptedTransport((_, _) => ScriptedTransport.Json(HttpStatusCode.ServiceUnavailable, """{"status":"503"}"""));
        var (runner, client) = Create(transport);

        var result = await runner.RunAsync([Phase.Counted("get", 1, (_, ct) => GetAsync(client, ct))]);

        Assert.Equal(_fastRetry.MaxAttempts, transport.Calls);
        Assert.Equal(1, result.FailedWorkItems);
    }

    [Fact]
    public async Task Unmeasured_phases_stay_out_of_the_report()
    {
        var transport = new ScriptedTransport((_, _) => ScriptedTransport.Json(HttpStatusCode.OK, "{}"));
        var (runner, client) = Create(transport);

        var result = await runner.RunAsync(
        [
            Phase.Counted("seed", 5, (_, ct) => client.GetAsync("seed", "Users", ct), measured: false),
            Phase.Counted("measured", 2, (_, ct) => GetAsync(client, ct)),
        ]);

        Assert.Equal(7, transport.Calls);
        Assert.Equal(["GET"], result.Operations.Select(o => o.Operation));
        Assert.Equal(2, result.WorkItems);
    }

    [Fact]
    public async Task A_timed_phase_stops_at_its_duration()
    {
        var transport = new ScriptedTransport((_, _) => ScriptedTransport.Json(HttpStatusCode.OK, "{}"));
        var (runner, client) = Create(transport);

        var started = DateTime.UtcNow;
        var result = await runner.RunAsync([Phase.Timed("steady", TimeSpan.FromMilliseconds(300), async (_, ct) =>
        {
            await Task.Delay(5, ct);
            await GetAsync(client, ct);
        })]);

        // The phase runs work until its duration is up and then stops; how many items fit depends on the machine's load
        // (a cold CI run fit fewer than five), so only "some work, then a stop near the duration" is asserted.
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(5));
        Assert.True(result.WorkItems >= 1);
    }

    [Fact]
    public async Task The_token_travels_only_as_a_bearer_authorization()
    {
        var transport = new ScriptedTransport((_, _) => ScriptedTransport.Json(HttpStatusCode.OK, "{}"));
        var (runner, client) = Create(transport);

        await runner.RunAsync([Phase.Counted("get", 1, (_, ct) => GetAsync(client, ct))]);

        Assert.Equal(["Bearer scim_demo_secret"], transport.Authorizations);
    }

    private static (LoadRunner Runner, ScimClient Client) Create(ScriptedTransport transport)
    {
        var client = new ScimClient(new HttpClient(transport), new Uri("http://scim.test/scim/v2/demo"), "scim_demo_secret");
        return (new LoadRunner(client, concurrency: 2, _fastRetry), client);
    }

    private static async Task GetAsync(ScimClient client, CancellationToken cancellationToken)
    {
        var response = await client.GetAsync("GET", "Users/1", cancellationToken);
        if (!response.IsSuccess)
        {
            throw new ScimRequestException("GET", response);
        }
    }
}
