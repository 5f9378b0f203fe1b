using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ScimFunctions.Http.Events;
using ScimFunctions.Http.IntegrationTests.Support;

namespace ScimFunctions.Http.IntegrationTests.Events;

/// <summary>
/// Hosts for event tests: the real local host with Azurite's table and queue services, its dispatcher running as the
/// hosted service, loopback endpoints allowed (as in development), and short times (sweep 2 s, retries
/// from 200 ms) so the tests stay quick.
/// </summary>
public static class EventHosts
{
    public static ScimTestHost Create(IReadOnlyDictionary<string, string?>? settings = null, Action<EventOptions>? configure = null)
    {
        var host = new ScimTestHost
        {
            WithQueue = true,
            // The product's settle time (5 s): a loaded test machine can take more than 1–2 s to commit a write, and a change
            // that becomes visible after the settle time has passed is behind the position already delivered.
            ConfigureStore = options => options.ChangeFeedSettleTime = TimeSpan.FromSeconds(5),
            ConfigureServices = services =>
            {
                var options = new EventOptions
                {
                    FirstRetryDelay = TimeSpan.FromMilliseconds(200),
                    MaxRetryDelay = TimeSpan.FromSeconds(1),
                    SweepInterval = TimeSpan.FromSeconds(2),
                    // A late commit is picked up within seconds, not the product's minute (the tests' stall guard is a minute).
                    LookBackInterval = TimeSpan.FromSeconds(3),
                };
                configure?.Invoke(options);
                services.AddSingleton(options);
                services.AddSingleton(new WebhookUrls(development: true));
            },
        };
        // A queue of its own: hosts of other test classes share the Azurite queue service.
        host.Settings[EventOptions.QueueNameKey] = "ev-" + Guid.NewGuid().ToString("N")[..20];
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            host.Settings[key] = value;
        }

        return host;
    }

    /// <summary>Registers an endpoint through the operator API and gives the receiver its secret; returns the endpoint id.</summary>
    public static async Task<string> AddWebhookAsync(this ScimTestHost host, WebhookReceiver receiver, string path, string? tenant = null, string? events = null)
    {
        using var client = host.Operator();
        var body = new JsonObject { ["url"] = receiver.Url(path.TrimStart('/')).AbsoluteUri };
        if (tenant is not null)
        {
            body["tenant"] = tenant;
        }

        if (events is not null)
        {
            body["events"] = new JsonArray(events.Split(',').Select(e => (JsonNode)JsonValue.Create(e)!).ToArray());
        }

        var added = await client.SendJsonAsync(HttpMethod.Post, "/operator/webhooks", body);
        added.AssertStatus(201);
        receiver.Secrets[path] = (string)added.Body!["secret"]!;
        return (string)added.Body["id"]!;
    }

    /// <summary>Waits until <paramref name="count"/> reaches <paramref name="target"/>, failing when it has not grown for <paramref name="stall"/>.</summary>
    public static async Task WaitForProgressAsync(Func<int> count, int target, TimeSpan stall, string what)
    {
        var seen = count();
        var progressed = DateTime.UtcNow;
        while (seen < target)
        {
            await Task.Delay(100);
            var now = count();
            if (now > seen)
            {
                (seen, progressed) = (now, DateTime.UtcNow);
            }
            else if (DateTime.UtcNow - progressed > stall)
            {
                Assert.Fail($"Waiting for {what}: stalled at {seen} of {target} for {stall.TotalSeconds:F0} s");
            }
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds, failing with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("Timed out waiting for " + what);
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Every event id of the tenant's change feed, in feed order, as the operator API lists it (changes only: ids of the first event).</summary>
    public static async Task<int> ChangeCountAsync(this ScimTestHost host, string tenant)
    {
        using var client = host.Operator();
        var count = 0;
        string? cursor = null;
        while (true)
        {
            var page = await client.SendJsonAsync(HttpMethod.Get, $"/operator/tenants/{tenant}/changes?count=1000" + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor)), null);
            page.AssertStatus(200);
            var changes = page.Body!["changes"]!.AsArray().Count;
            count += changes;
            cursor = (string?)page.Body["nextCursor"];
            if (changes < 1000)
            {
                return count;
            }
        }
    }
}
