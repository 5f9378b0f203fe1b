using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ScimFunctions.Core;
using ScimFunctions.LoadTool.Client;
using ScimFunctions.LoadTool.Hosting;
using ScimFunctions.LoadTool.Running;
using ScimFunctions.LoadTool.Scenarios;
using ScimFunctions.Storage;
using ScimFunctions.Storage.Consistency;
using ScimFunctions.Testing;
using Xunit.Abstractions;

namespace ScimFunctions.LoadTool.Tests.Faults;

/// <summary>
/// Takes storage away in the middle of an Entra initial cycle on two tenants (real HTTP host on Kestrel, private
/// Azurite) and brings it back on the same port and data folder: answers during the outage are 503 SCIM errors
/// with Retry-After and never 500, the identity provider's retries converge, a second cycle finds everything in
/// place, and the consistency checker finds no problem in either tenant.
/// </summary>
public sealed class StorageOutageTests(ITestOutputHelper output)
{
    private const int Users = 50;
    private const int Groups = 5;
    private static readonly string[] _tenants = ["fault-a", "fault-b"];
    private static readonly RetryPolicy _patientRetry = new(MaxAttempts: 120, DefaultDelay: TimeSpan.FromMilliseconds(250), MaxDelay: TimeSpan.FromMilliseconds(500));

    [Fact]
    public async Task A_storage_outage_mid_load_gives_503_scim_errors_and_the_tenants_converge_consistently()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        var cancellationToken = timeout.Token;
        await using var azurite = await AzuriteInstance.StartAsync(cancellationToken: cancellationToken);
        await using var host = await InProcessScimHost.StartAsync(azurite.ConnectionString, cancellationToken: cancellationToken);
        var log = new ResponseLog();
        using var http = new HttpClient(log) { Timeout = TimeSpan.FromSeconds(60) };
        var clients = new List<ScimClient>();
        foreach (var tenant in _tenants)
        {
            var (baseUrl, token) = await host.CreateTenantAsync(tenant, cancellationToken);
            clients.Add(new ScimClient(http, baseUrl, token));
        }

        var loads = clients.Select(client => EntraCycleAsync(client, cancellationToken)).ToList();
        await WaitUntilAsync(() => log.Responses.Count >= 40, "the load to get going", cancellationToken);
        await AzuriteShutdown.StopGracefullyAsync(azurite);
        await WaitUntilAsync(() => log.Responses.Any(r => r.Status >= 500), "a request to fail during the outage", cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        await azurite.RestartAsync(cancellationToken);
        var duringOutage = await Task.WhenAll(loads);

        var failures = log.Responses.Where(r => r.Status >= 500 || r.Status == 0).ToList();
        output.WriteLine($"{log.Responses.Count} responses, {failures.Count} during the outage: " +
            string.Join(", ", failures.GroupBy(f => f.Request.Split('?')[0].Split(' ')[0] + " " + f.Status).Select(g => $"{g.Key} x{g.Count()}")));
        Assert.NotEmpty(failures);
        Assert.All(failures, r => AssertStorageOutageError(r));
        Assert.All(duringOutage, run => Assert.Equal(0, run.FailedWorkItems));

        // The identity provider's next cycle matches everything and creates nothing.
        var nextCycle = await Task.WhenAll(clients.Select(client => EntraCycleAsync(client, cancellationToken)));
        Assert.All(nextCycle, run => Assert.Equal(0, run.FailedWorkItems));
        Assert.All(nextCycle, run => Assert.DoesNotContain(run.Operations, o => o.Operation is OperationNames.CreateUser or OperationNames.CreateGroup));

        var storage = host.Services.GetRequiredService<TableStorage>();
        for (var t = 0; t < _tenants.Length; t++)
        {
            await AssertConvergedAsync(clients[t], cancellationToken);
            var report = await ConsistencyChecker.CheckAsync(storage, TenantId.Parse(_tenants[t]), cancellationToken: cancellationToken);
            Assert.True(report.IsConsistent, report.ToString());
            Assert.Equal(Users, report.ResourcesByType.GetValueOrDefault("user"));
            Assert.Equal(Groups, report.ResourcesByType.GetValueOrDefault("group"));
            Assert.Equal(Users, report.Memberships);
        }
    }

    private static async Task<RunResult> EntraCycleAsync(ScimClient client, CancellationToken cancellationToken)
    {
        var context = new ScenarioContext(new ScimOperations(client), new ScenarioSettings { Users = Users, Groups = Groups, Prefix = "fault" });
        var runner = new LoadRunner(client, concurrency: 2, _patientRetry);
        return await runner.RunAsync(new EntraInitialScenario().Phases(context), cancellationToken);
    }

    private static void AssertStorageOutageError(LoggedResponse response)
    {
        Assert.True(response.Status == 503, $"{response.Request} answered {response.Status} during the outage: {response.Body?.ToJsonString()}");
        Assert.True(response.HasRetryAfter, $"{response.Request}: 503 without Retry-After");
        Assert.Equal("application/scim+json", response.MediaType);
        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:Error", (string?)response.Body?["schemas"]?[0]);
        Assert.Equal("503", (string?)response.Body?["status"]);
    }

    private static async Task AssertConvergedAsync(ScimClient client, CancellationToken cancellationToken)
    {
        var users = await client.GetAsync("check", "Users?count=0", cancellationToken);
        Assert.Equal(Users, users.TotalResults);
        var groups = await client.GetAsync("check", "Groups?startIndex=1&count=100", cancellationToken);
        Assert.Equal(Groups, groups.TotalResults);
        foreach (var group in groups.Resources)
        {
            var full = await client.GetAsync("check", $"Groups/{(string?)group["id"]}", cancellationToken);
            Assert.Equal(Users / Groups, (full.Body?["members"] as JsonArray)?.Count ?? 0);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(50, cancellationToken);
        }
    }
}
