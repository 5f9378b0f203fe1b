using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ScimFunctions.FunctionApp.Tests.Support;
using ScimFunctions.Http.Events;
using ScimFunctions.Testing;

namespace ScimFunctions.FunctionApp.Tests;

/// <summary>
/// The Function App's queue- and timer-triggered functions (<c>DeliverEvents</c>, <c>SweepEvents</c>) called as the
/// Functions host calls them, on an instance of <see cref="EventFunctions"/> from the app's own composition, against
/// Azurite's table and queue services: the wake-up message a SCIM write enqueued makes a delivery to a loopback
/// receiver; a write whose wake-up was lost is delivered by the timer sweep; the sweep trims each tenant's change rows
/// by its own retention policy.
/// </summary>
public sealed class FunctionEventTests : IAsyncLifetime, IDisposable
{
    private readonly ShiftableClock _clock = new();
    private readonly ConcurrentQueue<JsonObject> _received = new();
    private readonly HttpListener _receiver = new();
    private readonly CancellationTokenSource _stop = new();
    private FunctionAppUnderTest _app = null!;
    private Task _receiving = Task.CompletedTask;
    private string _url = null!;

    public async Task InitializeAsync()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            _url = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/";
        }

        _receiver.Prefixes.Add(_url);
        _receiver.Start();
        _receiving = Task.Run(ReceiveAsync);

        var settings = HostPair.Settings(await SharedAzurite.GetTableAndQueueConnectionStringAsync());
        settings[EventOptions.QueueNameKey] = "fa-ev-" + Guid.NewGuid().ToString("N")[..16];
        _app = await FunctionAppUnderTest.StartAsync(settings, services =>
        {
            services.AddSingleton<TimeProvider>(_clock);
            services.AddSingleton(new WebhookUrls(development: true)); // a loopback receiver, as in development
        });
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        _receiver.Stop();
        await _receiving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _app.DisposeAsync();
    }

    public void Dispose()
    {
        _receiver.Close();
        _stop.Dispose();
    }

    [Fact]
    public async Task A_queued_wake_up_delivers_the_timer_sweep_delivers_a_lost_one_and_trims_by_each_tenants_retention()
    {
        var shortLived = await CreateTenantAsync(retentionDays: 1);
        var kept = await CreateTenantAsync(retentionDays: null);
        await SendAsync("POST", "/operator/webhooks", new JsonObject { ["url"] = _url + "hook", ["tenant"] = shortLived }, 201);
        var functions = ActivatorUtilities.CreateInstance<EventFunctions>(_app.Services);
        var queue = _app.Services.GetRequiredService<EventQueue>().Client;

        // A SCIM write enqueues its tenant's wake-up, visible once the change has settled; DeliverEvents delivers it.
        var first = await CreateUserAsync(shortLived);
        await CreateUserAsync(kept);
        var wakeUps = await ReceiveWakeUpsAsync(queue);
        Assert.Contains(shortLived, wakeUps.Select(m => m.MessageText));
        foreach (var message in wakeUps)
        {
            await functions.DeliverEvents(message.MessageText, CancellationToken.None);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }

        Assert.Equal([first], _received.Select(e => (string)e["data"]!["id"]!));

        // The wake-up of the next write is lost (the instance died between commit and enqueue): the timer sweep delivers it.
        var second = await CreateUserAsync(shortLived);
        await queue.ClearMessagesAsync();
        await Task.Delay(TimeSpan.FromSeconds(6)); // the change feed's settle time
        await functions.SweepEvents(null!, CancellationToken.None);
        Assert.Equal([first, second], _received.Select(e => (string)e["data"]!["id"]!));

        // Two days on, the sweep trims the tenant whose policy keeps one day and leaves the one that keeps 30.
        _clock.Offset = TimeSpan.FromDays(2);
        await functions.SweepEvents(null!, CancellationToken.None);
        Assert.Equal(0, await ChangeCountAsync(shortLived));
        Assert.Equal(1, await ChangeCountAsync(kept));
        Assert.Equal(2, _received.Count);
    }

    private async Task<string> CreateTenantAsync(int? retentionDays)
    {
        var tenant = TestNames.TenantId("fe");
        await SendAsync("POST", "/operator/tenants", new JsonObject { ["id"] = tenant }, 201);
        if (retentionDays is { } days)
        {
            var policy = await SendAsync("PUT", $"/operator/tenants/{tenant}/policy", new JsonObject { ["changeRetentionDays"] = days }, 200);
            Assert.Equal(days, (int)policy["policy"]!["changeRetentionDays"]!);
        }

        return tenant;
    }

    private async Task<string> CreateUserAsync(string tenant)
    {
        // The operator key cannot write SCIM resources: a tenant token does (issued once per tenant and kept).
        if (!_tokens.TryGetValue(tenant, out var token))
        {
            token = (string)(await SendAsync("POST", $"/operator/tenants/{tenant}/tokens", null, 201))["token"]!;
            _tokens[tenant] = token;
        }

        var user = new JsonObject { ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:User"), ["userName"] = $"fe.{Guid.NewGuid():N}@example.com" };
        return (string)(await SendAsync("POST", $"/scim/v2/{tenant}/Users", user, 201, token, "application/scim+json"))["id"]!;
    }

    private readonly Dictionary<string, string> _tokens = [];

    private async Task<int> ChangeCountAsync(string tenant) =>
        (await SendAsync("GET", $"/operator/tenants/{tenant}/changes?count=100", null, 200))["changes"]!.AsArray().Count;

    private async Task<JsonObject> SendAsync(string method, string path, JsonNode? body, int status, string bearer = HostPair.OperatorKey, string contentType = "application/json")
    {
        var response = await _app.SendAsync(new HostRequest(method, path, new Dictionary<string, string> { ["Authorization"] = "Bearer " + bearer }, body?.ToJsonString(), body is null ? null : contentType));
        Assert.True(response.Status == status, $"{method} {path}: {response.Status} {response.Body}");
        return response.Body.Length == 0 ? [] : JsonNode.Parse(response.Body)!.AsObject();
    }

    private static async Task<List<Azure.Storage.Queues.Models.QueueMessage>> ReceiveWakeUpsAsync(Azure.Storage.Queues.QueueClient queue)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var messages = new List<Azure.Storage.Queues.Models.QueueMessage>();
        while (messages.Count < 2 && DateTime.UtcNow < deadline)
        {
            messages.AddRange((await queue.ReceiveMessagesAsync(10, TimeSpan.FromMinutes(1))).Value);
            await Task.Delay(200);
        }

        return messages;
    }

    private async Task ReceiveAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _receiver.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            using (var reader = new StreamReader(context.Request.InputStream))
            {
                _received.Enqueue(JsonNode.Parse(await reader.ReadToEndAsync())!.AsObject());
            }

            context.Response.StatusCode = 204;
            context.Response.Close();
        }
    }

    private sealed class ShiftableClock : TimeProvider
    {
        public TimeSpan Offset { get; set; }

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
    }
}
