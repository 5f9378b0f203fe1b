using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using ScimFunctions.KeyVault;
using ScimFunctions.LocalHost;
using ScimFunctions.Storage.Abstractions;
using ScimFunctions.Storage.Tokens;

namespace ScimFunctions.Http.IntegrationTests;

/// <summary>
/// What the real host composes from its settings: the token store (Key Vault when <c>Scim:KeyVault:Uri</c> is set,
/// else the table) and OTLP export (only when <c>Scim:Telemetry:OtlpEndpoint</c> is set); a malformed setting stops
/// start-up with a message naming it, rather than failing requests later.
/// </summary>
public sealed class HostCompositionTests
{
    // Parsed only: nothing here reaches storage.
    private const string DevelopmentStorage = "UseDevelopmentStorage=true";

    private static WebApplication Build(Dictionary<string, string?> settings)
    {
        var all = new Dictionary<string, string?>
        {
            ["Scim:Storage:ConnectionString"] = DevelopmentStorage,
            ["Scim:Storage:TableEndpoint"] = string.Empty,
            ["Scim:KeyVault:Uri"] = string.Empty,
            ["Scim:Telemetry:OtlpEndpoint"] = string.Empty,
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return ScimLocalHost.Build(ScimLocalHost.CreateBuilder([], builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Configuration.AddInMemoryCollection(all);
        }));
    }

    [Fact]
    public async Task Without_a_vault_uri_token_hashes_go_to_the_table_store()
    {
        await using var app = Build([]);

        Assert.IsType<TableTokenStore>(app.Services.GetRequiredService<ITokenStore>());
    }

    [Fact]
    public async Task With_a_vault_uri_token_hashes_go_to_that_key_vault()
    {
        await using var app = Build(new() { ["Scim:KeyVault:Uri"] = "https://contoso-scim-weu.vault.azure.net" });

        var store = Assert.IsType<KeyVaultTokenStore>(app.Services.GetRequiredService<ITokenStore>());
        Assert.Equal(new Uri("https://contoso-scim-weu.vault.azure.net/"), store.VaultUri);
    }

    [Fact]
    public async Task The_verifier_and_the_issuer_share_the_one_token_store()
    {
        await using var app = Build(new() { ["Scim:KeyVault:Uri"] = "https://contoso-scim-weu.vault.azure.net/" });

        Assert.Same(app.Services.GetRequiredService<ITokenStore>(), app.Services.GetRequiredService<ITokenStore>());
        Assert.NotNull(app.Services.GetRequiredService<TokenVerifier>());
        Assert.NotNull(app.Services.GetRequiredService<TokenIssuer>());
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("contoso-scim-weu.vault.azure.net")]
    [InlineData("ftp://contoso-scim-weu.vault.azure.net/")]
    [InlineData("http://contoso-scim-weu.vault.azure.net/")]
    [InlineData("https://contoso-scim-weu.vault.azure.net/secrets/scim-tenant-x")]
    [InlineData("https://contoso-scim-weu.vault.azure.net/?api-version=7.5")]
    public void A_malformed_vault_uri_stops_start_up_with_a_message_naming_the_setting(string vaultUri)
    {
        var error = Assert.Throws<ScimConfigurationException>(() => Build(new() { ["Scim:KeyVault:Uri"] = vaultUri }));

        Assert.Contains("Scim:KeyVault:Uri", error.Message, StringComparison.Ordinal);
        Assert.Contains("https", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("60", null, null)] // the default cache (30 s) and request limit (60 s) need more than 90 s
    [InlineData("90", null, null)]
    [InlineData("120", "61", null)]
    [InlineData("120", null, "91")]
    public void A_fence_settle_time_not_longer_than_the_tenant_cache_and_the_longest_request_stops_start_up(string settle, string? cacheSeconds, string? requestSeconds)
    {
        var settings = new Dictionary<string, string?> { ["Scim:Storage:MoveFenceSettleSeconds"] = settle };
        if (cacheSeconds is not null)
        {
            settings["Scim:Tenants:CacheSeconds"] = cacheSeconds;
        }

        if (requestSeconds is not null)
        {
            settings["Scim:Limits:RequestSeconds"] = requestSeconds;
        }

        var error = Assert.Throws<ScimConfigurationException>(() => Build(settings));

        Assert.Contains("Scim:Storage:MoveFenceSettleSeconds", error.Message, StringComparison.Ordinal);
        Assert.Contains("Scim:Tenants:CacheSeconds", error.Message, StringComparison.Ordinal);
        Assert.Contains("Scim:Limits:RequestSeconds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_default_fence_settle_time_covers_the_default_tenant_cache_and_request_limit()
    {
        await using var app = Build(new() { ["Scim:Storage:MoveFenceSettleSeconds"] = "91" });
        await using var defaults = Build([]);

        Assert.Equal(TimeSpan.FromMinutes(2), defaults.Services.GetRequiredService<ScimFunctions.Storage.TableStorage>().Options.MoveFenceSettleTime);
    }

    [Fact]
    public async Task Without_an_otlp_endpoint_no_telemetry_exporter_is_registered()
    {
        await using var app = Build([]);

        Assert.Null(app.Services.GetService<TracerProvider>());
        Assert.Null(app.Services.GetService<MeterProvider>());
    }

    [Fact]
    public void A_malformed_otlp_endpoint_stops_start_up_with_a_message_naming_the_setting()
    {
        var error = Assert.Throws<ScimConfigurationException>(() => Build(new() { ["Scim:Telemetry:OtlpEndpoint"] = "collector:4317" }));

        Assert.Contains("Scim:Telemetry:OtlpEndpoint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_an_otlp_endpoint_traces_are_exported_to_it()
    {
        using var collector = new TcpListener(IPAddress.Loopback, 0);
        collector.Start();
        var endpoint = $"http://127.0.0.1:{((IPEndPoint)collector.LocalEndpoint).Port}";
        await using var app = Build(new() { ["Scim:Telemetry:OtlpEndpoint"] = endpoint });
        await app.StartAsync();
        var tracing = app.Services.GetRequiredService<TracerProvider>();
        Assert.NotNull(app.Services.GetService<MeterProvider>());

        // Any request makes a server span; this one is answered 404 before storage is touched.
        using (var client = app.GetTestServer().CreateClient())
        {
            await client.GetAsync(new Uri("/scim/v2/NOT_A_TENANT/Users", UriKind.Relative));
        }

        var flushed = Task.Run(() => tracing.ForceFlush(5_000));
        using var exporterConnection = await collector.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(20));
        exporterConnection.Close(); // the export fails fast; only the connection attempt was the point
        await flushed.WaitAsync(TimeSpan.FromSeconds(20));
        collector.Stop(); // shutdown's final exports are refused at once instead of waiting for an answer
    }
}
