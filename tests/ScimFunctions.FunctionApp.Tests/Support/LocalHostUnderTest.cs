using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ScimFunctions.LocalHost;

namespace ScimFunctions.FunctionApp.Tests.Support;

/// <summary>The local Kestrel host (same builder as `dotnet run`) on an in-memory test server, for the same requests.</summary>
public sealed class LocalHostUnderTest : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _client;

    private LocalHostUnderTest(WebApplication app)
    {
        _app = app;
        _client = app.GetTestServer().CreateClient();
    }

    public static async Task<LocalHostUnderTest> StartAsync(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        var app = ScimLocalHost.Build(ScimLocalHost.CreateBuilder([], builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Logging.ClearProviders();
            services?.Invoke(builder.Services);
        }));
        await app.StartAsync();
        return new LocalHostUnderTest(app);
    }

    public async Task<HostResponse> SendAsync(HostRequest request)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.PathAndQuery);
        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        if (request.Body is not null)
        {
            message.Content = new StringContent(request.Body, Encoding.UTF8);
            message.Content.Headers.ContentType = request.ContentType is null ? null : MediaTypeHeaderValue.Parse(request.ContentType);
        }

        using var response = await _client.SendAsync(message);
        var headers = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        return new HostResponse((int)response.StatusCode, headers, await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }
}
