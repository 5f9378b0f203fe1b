using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ScimFunctions.Http.IntegrationTests.Events;

/// <summary>One request the receiver got.</summary>
public sealed record ReceivedEvent(string Path, string Id, string Type, JsonObject Body, bool SignatureValid, DateTimeOffset At);

/// <summary>
/// A webhook receiver on Kestrel at 127.0.0.1 (a free port): every path is an endpoint. Each request's signature is
/// checked with this file's own implementation of the Standard Webhooks scheme (not the product's), with the secret
/// the test registered for the path. <see cref="Behaviour"/> decides the answer per path (default 204).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _inFlight = new(StringComparer.Ordinal);

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<ReceivedEvent> Received { get; } = new();

    /// <summary>The secret per path (set after registering the endpoint).</summary>
    public ConcurrentDictionary<string, string> Secrets { get; } = new(StringComparer.Ordinal);

    /// <summary>The answer for a path: a status code, after an optional delay.</summary>
    public Func<string, Task<int>> Behaviour { get; set; } = _ => Task.FromResult(204);

    /// <summary>Most requests in flight at once for one path.</summary>
    public ConcurrentDictionary<string, int> MaxInFlight { get; } = new(StringComparer.Ordinal);

    public Uri Address { get; private set; } = null!;

    public Uri Url(string path) => new(Address, path);

    public IReadOnlyList<ReceivedEvent> For(string path) => Received.Where(r => r.Path == path).ToList();

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/{name}", receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
            .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();
        receiver.Address = new Uri(address.TrimEnd('/') + "/");
        return receiver;
    }

    private async Task HandleAsync(HttpContext context, string name)
    {
        var path = "/" + name;
        var now = _inFlight.AddOrUpdate(path, 1, (_, n) => n + 1);
        MaxInFlight.AddOrUpdate(path, now, (_, max) => Math.Max(max, now));
        try
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var id = context.Request.Headers["webhook-id"].ToString();
            var timestamp = context.Request.Headers["webhook-timestamp"].ToString();
            var signature = context.Request.Headers["webhook-signature"].ToString();
            var status = await Behaviour(path);
            if (status is >= 200 and < 300)
            {
                var valid = Secrets.TryGetValue(path, out var secret) && Verify(secret, id, timestamp, body, signature);
                var json = (JsonObject)JsonNode.Parse(body)!;
                Received.Enqueue(new ReceivedEvent(path, id, (string)json["type"]!, json, valid, DateTimeOffset.UtcNow));
            }

            context.Response.StatusCode = status;
        }
        finally
        {
            _inFlight.AddOrUpdate(path, 0, (_, n) => n - 1);
        }
    }

    /// <summary>
    /// The Standard Webhooks check, written from the specification: the key is the base64 after <c>whsec_</c>; the
    /// signed content is <c>{id}.{timestamp}.{body}</c>; the header is a space-separated list of <c>v1,{base64}</c>;
    /// the timestamp must be within five minutes.
    /// </summary>
    public static bool Verify(string secret, string id, string timestamp, string body, string signatureHeader)
    {
        if (!long.TryParse(timestamp, out var seconds) || Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - seconds) > 300)
        {
            return false;
        }

        var key = Convert.FromBase64String(secret.Split('_', 2)[1]);
        using var hmac = new HMACSHA256(key);
        var expected = hmac.ComputeHash(Encoding.UTF8.GetBytes(id + "." + timestamp + "." + body));
        foreach (var entry in signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = entry.Split(',', 2);
            if (parts.Length == 2 && parts[0] == "v1" && CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(parts[1]), expected))
            {
                return true;
            }
        }

        return false;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
