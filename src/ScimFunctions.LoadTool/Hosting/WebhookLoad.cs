using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ScimFunctions.Core;
using ScimFunctions.Http.Events;
using ScimFunctions.Storage.Diagnostics;
using ScimFunctions.Storage.Tenants;

namespace ScimFunctions.LoadTool.Hosting;

/// <summary>What <c>scimload run --in-process --webhook</c> measured about event delivery.</summary>
internal sealed record WebhookLoadReport(
    long Events,
    long DistinctEvents,
    double LagP50Ms,
    double LagP95Ms,
    double LagMaxMs,
    long DispatcherStorageRequests,
    long QueueRequests,
    long WakeUpsSent)
{
    public double StorageRequestsPerEvent => DistinctEvents == 0 ? 0 : (double)DispatcherStorageRequests / DistinctEvents;

    public double QueueRequestsPerEvent => DistinctEvents == 0 ? 0 : (double)QueueRequests / DistinctEvents;
}

/// <summary>
/// Event delivery under load, in the in-process run: a loopback receiver (Kestrel on 127.0.0.1) that records each
/// event's lag (arrival − the change's timestamp), the host's dispatcher running as the local host runs it (queue
/// listener and sweeper; loopback allowed as in development), a queue request counter, and one endpoint for the load
/// tenant. The dispatcher's storage requests are those the counter saw outside any HTTP request.
/// </summary>
internal sealed class WebhookLoad : IAsyncDisposable
{
    private readonly WebApplication _receiver;
    private readonly ConcurrentDictionary<string, int> _seen = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<double> _lagsMs = new();
    private long _received;
    private long _storageAtStart;
    private long _queueAtStart;
    private long _wakeUpsAtStart;

    private WebhookLoad(WebApplication receiver, Uri url)
    {
        _receiver = receiver;
        Url = url;
    }

    /// <summary>The receiver's URL.</summary>
    public Uri Url { get; }

    /// <summary>Counts the dispatcher's queue requests.</summary>
    public StorageRequestCounter QueueRequests { get; } = new();

    /// <summary>Events received so far, repeats included.</summary>
    public long Received => Interlocked.Read(ref _received);

    public static async Task<WebhookLoad> StartReceiverAsync(CancellationToken cancellationToken = default)
    {
        var app = LoopbackApp.CreateBuilder().Build();
        WebhookLoad? load = null;
        app.MapPost("/events", async (HttpContext context) =>
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            load!.Record(body.RootElement);
            return Results.NoContent();
        });
        load = new WebhookLoad(app, new Uri(await LoopbackApp.StartAsync(app, cancellationToken), "events"));
        return load;
    }

    /// <summary>The services the in-process host needs to deliver events to this receiver (before its own).</summary>
    public void Configure(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new EventOptions();
        options.QueuePolicies.Add(QueueRequests);
        services.AddSingleton(options);
        services.AddSingleton(new WebhookUrls(development: true));
        services.AddScimEventDispatcher();
    }

    /// <summary>Registers the receiver for <paramref name="tenant"/> and starts counting.</summary>
    public async Task SubscribeAsync(InProcessScimHost host, TenantId tenant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        await host.Services.GetRequiredService<WebhookAdministration>().AddAsync(Url.AbsoluteUri, tenant, null, new OperatorCall("scimload", null), cancellationToken);
        _storageAtStart = DispatcherStorageRequests(host);
        _queueAtStart = QueueRequests.Total;
        _wakeUpsAtStart = host.Services.GetService<EventQueue>()?.Sent ?? 0;
    }

    /// <summary>Waits until no new event has arrived for <paramref name="quiet"/> (at most <paramref name="limit"/>), then reports.</summary>
    public async Task<WebhookLoadReport> DrainAsync(InProcessScimHost host, TimeSpan quiet, TimeSpan limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        var deadline = DateTime.UtcNow + limit;
        var last = Received;
        var lastChange = DateTime.UtcNow;
        while (DateTime.UtcNow < deadline && DateTime.UtcNow - lastChange < quiet)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            if (Received != last)
            {
                (last, lastChange) = (Received, DateTime.UtcNow);
            }
        }

        var lags = _lagsMs.Order().ToArray();
        return new WebhookLoadReport(
            Received,
            _seen.Count,
            Percentiles.NearestRank(lags, 50),
            Percentiles.NearestRank(lags, 95),
            lags.Length == 0 ? 0 : lags[^1],
            DispatcherStorageRequests(host) - _storageAtStart,
            QueueRequests.Total - _queueAtStart,
            (host.Services.GetService<EventQueue>()?.Sent ?? 0) - _wakeUpsAtStart);
    }

    public async ValueTask DisposeAsync()
    {
        await _receiver.StopAsync();
        await _receiver.DisposeAsync();
    }

    // Storage requests outside any HTTP request's counting scope: the dispatcher's and the sweeper's.
    private static long DispatcherStorageRequests(InProcessScimHost host) =>
        host.StorageRequests.ByOperation.TryGetValue("(none)", out var count) ? count : 0;

    private void Record(JsonElement body)
    {
        Interlocked.Increment(ref _received);
        var id = body.TryGetProperty("id", out var idValue) ? idValue.GetString() ?? string.Empty : string.Empty;
        if (_seen.TryAdd(id, 1)
            && body.TryGetProperty("timestamp", out var stamp)
            && DateTimeOffset.TryParse(stamp.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var changed))
        {
            _lagsMs.Enqueue((DateTimeOffset.UtcNow - changed).TotalMilliseconds);
        }
    }
}
