using System.Net;
using System.Net.Http.Headers;
using ScimFunctions.Core;
using ScimFunctions.LoadTool.Cost;
using ScimFunctions.LoadTool.Hosting;
using ScimFunctions.LoadTool.Reporting;
using ScimFunctions.Testing;

namespace ScimFunctions.LoadTool.Tests.Hosting;

/// <summary>
/// <c>scimload run --in-process --webhook</c>'s parts: the in-process host runs the dispatcher and delivers the load
/// tenant's events to the loopback receiver, which reports each event once with its lag and the dispatcher's storage
/// and queue requests; the cost per million events follows from those and the price sheet.
/// </summary>
public sealed class WebhookLoadTests
{
    [Fact]
    public async Task Every_change_arrives_once_with_its_lag_and_the_dispatchers_storage_and_queue_requests()
    {
        await using var events = await WebhookLoad.StartReceiverAsync();
        await using var host = await InProcessScimHost.StartAsync(
            await SharedAzurite.GetTableAndQueueConnectionStringAsync(),
            new Dictionary<string, string?>
            {
                ["Scim:Storage:ResourceTable"] = TestNames.TableName("res"),
                ["Scim:Storage:TenantTable"] = TestNames.TableName("ten"),
                ["Scim:Storage:TokenTable"] = TestNames.TableName("tok"),
                ["Scim:Events:Queue"] = "load-" + Guid.NewGuid().ToString("N")[..16],
            },
            events.Configure);
        var tenant = TestNames.TenantId();
        var (baseUrl, token) = await host.CreateTenantAsync(tenant);
        await events.SubscribeAsync(host, TenantId.Parse(tenant));

        using var http = new HttpClient();
        for (var i = 0; i < 5; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl + "/Users"))
            {
                Content = new StringContent($$"""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"webhook.load.{{i}}"}""", new MediaTypeHeaderValue("application/scim+json")),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        // Quiet for longer than a wake-up takes to become visible (the settle time + 1 s).
        var report = await events.DrainAsync(host, quiet: TimeSpan.FromSeconds(8), limit: TimeSpan.FromSeconds(60));

        Assert.Equal(5, report.DistinctEvents);
        Assert.True(report.LagP50Ms > 0 && report.LagP50Ms <= report.LagP95Ms && report.LagP95Ms <= report.LagMaxMs, $"lags {report.LagP50Ms}/{report.LagP95Ms}/{report.LagMaxMs}");
        Assert.True(report.DispatcherStorageRequests > 0, "no dispatcher storage requests counted");
        Assert.True(report.QueueRequests > 0 && report.WakeUpsSent > 0, "no queue requests counted");
    }

    [Fact]
    public void The_cost_per_million_events_is_the_storage_and_queue_requests_and_executions_per_event_at_list_price()
    {
        // 3 storage and 2 queue requests and 0.5 executions per event: 3 × 100 × $0.00036 + 2 × 100 × $0.004 + 0.5 × $0.40 per million events.
        var report = new WebhookLoadReport(1000, 1000, 10, 20, 30, DispatcherStorageRequests: 3000, QueueRequests: 2000, WakeUpsSent: 500);
        var prices = PriceSheet.Default with { TableTransactionsPer10K = 0.00036m, QueueOperationsPer10K = 0.004m, FlexExecutionsPerMillion = 0.40m };

        Assert.Equal(1.108m, WebhookLoadTable.CostPerMillionEvents(report, prices));
    }
}
