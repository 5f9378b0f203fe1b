using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ScimFunctions.LocalHost;
using ScimFunctions.Storage;
using ScimFunctions.Storage.Abstractions;
using ScimFunctions.Storage.Diagnostics;
using ScimFunctions.Storage.Tokens;
using ScimFunctions.Testing;

namespace ScimFunctions.Http.IntegrationTests.Support;

/// <summary>
/// The real local host (same builder, routes and services as `dotnet run`) on an in-memory test server, or on Kestrel
/// at 127.0.0.1 on a free port when <see cref="OnKestrel"/> is set (raw-socket tests need real HTTP framing), against
/// the shared Azurite with its own tables and the real table token store. One per test class.
/// </summary>
public sealed class ScimTestHost : IAsyncLifetime
{
    public const string OperatorKey = "test-operator-key-0123456789abcdef";

    private WebApplication? _app;

    public CountingTokenStore TokenStore { get; private set; } = null!;

    /// <summary>Every storage request of the host's store (resources and registry), on the wire.</summary>
    public StorageRequestCounter StorageRequests { get; } = new();
    public CapturingLoggerProvider Logs { get; } = new();
    public TestServer Server => (TestServer)_app!.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>();

    /// <summary>Serve on Kestrel at 127.0.0.1 (a free port) instead of the in-memory test server; set before <see cref="InitializeAsync"/>.</summary>
    public bool OnKestrel { get; init; }

    /// <summary>http://127.0.0.1:{port}/ on Kestrel; null on the test server.</summary>
    public Uri? KestrelAddress { get; private set; }
    public IServiceProvider Services => _app!.Services;

    public const string TokenTableSetting = "Scim:Storage:TokenTable";

    /// <summary>The settings the host runs with (tables included), once started.</summary>
    public IReadOnlyDictionary<string, string?> EffectiveSettings { get; private set; } = new Dictionary<string, string?>();

    /// <summary>
    /// Settings a test class wants on top of the defaults (set before <see cref="InitializeAsync"/>). Two hosts given
    /// the same <c>Scim:Storage:*Table</c> settings (e.g. another host's <see cref="EffectiveSettings"/>) are two
    /// instances of one stamp.
    /// </summary>
    public Dictionary<string, string?> Settings { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Give the host Azurite's queue service as well (event wake-ups) and run the event dispatcher; set before <see cref="InitializeAsync"/>.</summary>
    public bool WithQueue { get; init; }

    /// <summary>Changes to the store's options (e.g. a shorter change feed settle time); set before <see cref="InitializeAsync"/>.</summary>
    public Action<TableStoreOptions>? ConfigureStore { get; init; }

    /// <summary>Services registered before the host's own (which are added only when absent); set before <see cref="InitializeAsync"/>.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    public async Task InitializeAsync()
    {
        var connectionString = WithQueue ? await SharedAzurite.GetTableAndQueueConnectionStringAsync() : await SharedAzurite.GetConnectionStringAsync();
        var settings = HostSettings.Fresh(connectionString, OperatorKey);
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        EffectiveSettings = settings;
        TokenStore = new CountingTokenStore(TableTokenStore.Create(new TableServiceClient(connectionString), settings[TokenTableSetting]!));
        var builder = ScimLocalHost.CreateBuilder([], b =>
        {
            if (OnKestrel)
            {
                b.WebHost.UseUrls("http://127.0.0.1:0");
            }
            else
            {
                b.WebHost.UseTestServer();
            }

            b.Configuration.AddInMemoryCollection(settings);
            b.Services.AddSingleton<ITokenStore>(TokenStore);
            b.Services.AddSingleton(provider =>
            {
                var options = TableStoreOptions.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
                options.PerRetryPolicies.Add(StorageRequests);
                ConfigureStore?.Invoke(options);
                return TableStorage.Create(options, credential: null, provider.GetRequiredService<TimeProvider>());
            });
            ConfigureServices?.Invoke(b.Services);
            b.Logging.ClearProviders();
            b.Logging.SetMinimumLevel(LogLevel.Debug);
            b.Logging.AddProvider(Logs);
            // The service's own lines down to Debug (each successful request's summary line is one), whatever level the host's
            // settings give the console: tests read what the host logs at each level.
            b.Logging.AddFilter<CapturingLoggerProvider>("ScimFunctions", LogLevel.Debug);
        });
        if (!WithQueue)
        {
            // Only event tests run the event dispatcher: its sweeps read the stamp's tables on their own schedule, and the
            // other tests count the storage requests their requests make.
            var dispatcher = builder.Services.Where(d => d.ServiceType == typeof(Microsoft.Extensions.Hosting.IHostedService) && d.ImplementationType == typeof(ScimFunctions.Http.Events.EventHostedService)).ToList();
            foreach (var descriptor in dispatcher)
            {
                builder.Services.Remove(descriptor);
            }
        }

        _app = ScimLocalHost.Build(builder);
        Logs.JsonFormatter = _app.Services.GetServices<Microsoft.Extensions.Logging.Console.ConsoleFormatter>().Single(f => f.Name == Microsoft.Extensions.Logging.Console.ConsoleFormatterNames.Json);
        await _app.StartAsync();
        if (OnKestrel)
        {
            var address = _app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
                .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();
            KestrelAddress = new Uri(address.TrimEnd('/') + "/");
        }
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    public HttpClient Client(string? bearer = null)
    {
        var client = KestrelAddress is { } address ? new HttpClient { BaseAddress = address } : Server.CreateClient();
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    public HttpClient Operator() => Client(OperatorKey);

    /// <summary>Creates a tenant through the operator API (optionally with policy/compatibility/schemas) and issues its token.</summary>
    public async Task<TenantClient> CreateTenantAsync(JsonObject? policy = null, JsonObject? compatibility = null, JsonObject? extensionSchemas = null)
    {
        var id = TestNames.TenantId();
        var body = new JsonObject { ["id"] = id, ["displayName"] = "Test " + id };
        if (policy is not null)
        {
            body["policy"] = policy;
        }

        if (compatibility is not null)
        {
            body["compatibility"] = compatibility;
        }

        if (extensionSchemas is not null)
        {
            body["extensionSchemas"] = extensionSchemas;
        }

        using var operatorClient = Operator();
        var created = await operatorClient.SendJsonAsync(HttpMethod.Post, "/operator/tenants", body);
        created.AssertStatus(201);
        var issued = await operatorClient.SendJsonAsync(HttpMethod.Post, $"/operator/tenants/{id}/tokens", null);
        issued.AssertStatus(201);
        return new TenantClient(this, id, (string)issued.Body!["token"]!);
    }
}
