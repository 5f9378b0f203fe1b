using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ScimFunctions.LocalHost;
using ScimFunctions.Storage.Tokens;
using ScimFunctions.Testing;

namespace ScimFunctions.Http.IntegrationTests.Support;

/// <summary>
/// The real local host (same builder, routes and services as `dotnet run`) on an in-memory test server, against the
/// shared Azurite with its own tables and the real table token store. One per test class.
/// </summary>
public sealed class ScimTestHost : IAsyncLifetime
{
    public const string OperatorKey = "test-operator-key-0123456789abcdef";

    private WebApplication? _app;

    public CountingTokenStore TokenStore { get; private set; } = null!;
    public CapturingLoggerProvider Logs { get; } = new();
    public TestServer Server => (TestServer)_app!.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>();
    public IServiceProvider Services => _app!.Services;

    public const string TokenTableSetting = "Scim:Storage:TokenTable";

    /// <summary>The settings the host runs with (tables included), once started.</summary>
    public IReadOnlyDictionary<string, string?> EffectiveSettings { get; private set; } = new Dictionary<string, string?>();

    /// <summary>Settings a test class wants on top of the defaults (set before <see cref="InitializeAsync"/>).</summary>
    public Dictionary<string, string?> Settings { get; } = new(StringComparer.OrdinalIgnoreCase);

    public async Task InitializeAsync()
    {
        var connectionString = await SharedAzurite.GetConnectionStringAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Scim:Storage:ConnectionString"] = connectionString,
            ["Scim:Storage:TableEndpoint"] = string.Empty,
            ["Scim:Storage:ResourceTable"] = TestNames.TableName("res"),
            ["Scim:Storage:TenantTable"] = TestNames.TableName("ten"),
            ["Scim:KeyVault:Uri"] = string.Empty,
            ["Scim:PublicBaseUrl"] = string.Empty,
            ["Scim:Admin:KeySha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(OperatorKey))),
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        // A second host given the first one's EffectiveSettings shares its tables: two instances of one stamp.
        if (settings.GetValueOrDefault(TokenTableSetting) is null)
        {
            settings[TokenTableSetting] = TestNames.TableName("tok");
        }

        EffectiveSettings = settings;
        TokenStore = new CountingTokenStore(TableTokenStore.Create(new TableServiceClient(connectionString), settings[TokenTableSetting]!));
        var builder = ScimLocalHost.CreateBuilder([], b =>
        {
            b.WebHost.UseTestServer();
            b.Configuration.AddInMemoryCollection(settings);
            b.Services.AddSingleton<ITokenStore>(TokenStore);
            b.Logging.ClearProviders();
            b.Logging.SetMinimumLevel(LogLevel.Debug);
            b.Logging.AddProvider(Logs);
        });
        _app = ScimLocalHost.Build(builder);
        Logs.JsonFormatter = _app.Services.GetServices<Microsoft.Extensions.Logging.Console.ConsoleFormatter>().Single(f => f.Name == Microsoft.Extensions.Logging.Console.ConsoleFormatterNames.Json);
        await _app.StartAsync();
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
        var client = Server.CreateClient();
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
