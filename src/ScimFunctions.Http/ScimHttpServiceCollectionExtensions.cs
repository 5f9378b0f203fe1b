using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using ScimFunctions.Http.Authentication;
using ScimFunctions.Http.Mcp;
using ScimFunctions.Http.RateLimiting;
using ScimFunctions.Http.Routing;
using ScimFunctions.Http.Telemetry;
using ScimFunctions.Http.Tenancy;
using ScimFunctions.KeyVault;
using ScimFunctions.Storage;
using ScimFunctions.Storage.Tenants;
using ScimFunctions.Storage.Tokens;

namespace ScimFunctions.Http;

/// <summary>Service registration and route mapping shared by both hosts.</summary>
public static class ScimHttpServiceCollectionExtensions
{
    /// <summary>
    /// A tenant's first move freezes writes <see cref="TableStoreOptions.MoveFenceSettleTime"/> after giving it a fence;
    /// a request that read the tenant's row before (from a cache up to its lifetime old) writes without the fence until
    /// its time is up, and such a write after the freeze would be accepted at the old location and lost. So the settle
    /// time must exceed the longest cache lifetime plus the longest request.
    /// </summary>
    private static void RequireFenceSettleTime(TableStoreOptions storage, ScimHttpOptions options)
    {
        // A request's row comes from the tenant directory (TenantGate), so its lifetime is the directory's.
        if (storage.MoveFenceSettleTime <= options.TenantCacheTtl + options.RequestTimeLimit)
        {
            throw new ScimConfigurationException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"Setting '{TableStoreOptions.MoveFenceSettleSecondsSetting}' ({storage.MoveFenceSettleTime.TotalSeconds:0.#} s) must exceed the tenant cache lifetime ('{ScimHttpOptions.TenantCacheSecondsKey}', {options.TenantCacheTtl.TotalSeconds:0.#} s) plus the longest request ('{ScimHttpOptions.RequestSecondsKey}', {options.RequestTimeLimit.TotalSeconds:0.#} s): a tenant's first move could otherwise lose a write made with a row read before its fence."));
        }
    }

    /// <summary>
    /// Registers the HTTP layer over the storage layer's composition (store, token store — Key Vault when
    /// <c>Scim:KeyVault:Uri</c> is set, with the managed identity, else the table token store —, issuer, verifier,
    /// <see cref="TenantAdministration"/>), and telemetry. Throws at once, naming the setting, when a required setting
    /// is missing or malformed, or a <c>Scim:</c> setting is unknown (<see cref="ScimSettings"/>).
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The host's settings.</param>
    /// <param name="configureStorage">Changes the storage options read from the settings before the store is built (e.g. a request counter in its pipeline).</param>
    public static IServiceCollection AddScimHttp(this IServiceCollection services, IConfiguration configuration, Action<TableStoreOptions>? configureStorage = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ScimSettings.RejectUnknown(configuration);
        var storage = ScimSettings.Read(TableStoreOptions.FromConfiguration, configuration);
        var vault = ScimSettings.Read(KeyVaultOptions.FromConfiguration, configuration);
        var options = ScimHttpOptions.FromConfiguration(configuration);
        configureStorage?.Invoke(storage);
        RequireFenceSettleTime(storage, options);
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);

        // Storage, token store, issuer, verifier and the operator's use cases: the storage layer's composition.
        services.AddSingleton(new TokenVerifierOptions { CacheTtl = options.TokenCacheTtl, MissRefreshInterval = options.TokenMissRefreshInterval });
        ScimStorageComposition.Add(services, storage, vault);

        // Tenant resolution and admission (the gate every tenant request passes).
        services.AddSingleton(provider =>
        {
            // A write refused by a moved tenant's fence drops the row here too, so the IdP's retry finds the new location.
            var directory = ActivatorUtilities.CreateInstance<TenantDirectory>(provider);
            provider.GetRequiredService<TableStorage>().TenantFenced += directory.Invalidate;
            return directory;
        });
        services.AddSingleton<ITenantCache>(provider => provider.GetRequiredService<TenantDirectory>());
        services.AddSingleton<TenantRateLimiter>();
        services.AddSingleton<UnknownTenantLimiter>();
        services.AddSingleton<RefusalLog>();
        services.AddSingleton<TenantGate>();

        // Provisioning events pushed as signed webhooks (docs/events.md).
        Events.EventsComposition.Add(services, configuration, storage, vault);

        // URLs and the operator API's authentication.
        services.AddSingleton<BaseUrls>();
        services.AddSingleton<OperatorAuthenticator>();

        // MCP for AI agents at /mcp/{tenantId} (docs/mcp.md).
        services.AddScimMcp();

        // Telemetry export, only with an OTLP endpoint.
        if (options.OtlpEndpoint is { } endpoint)
        {
            services.AddOpenTelemetry()
                .WithTracing(tracing => tracing.AddSource(ScimTelemetry.SourceName).AddAspNetCoreInstrumentation().AddOtlpExporter(o => o.Endpoint = endpoint))
                .WithMetrics(metrics => metrics.AddMeter(ScimTelemetry.SourceName, ScimTelemetry.StorageMeterName).AddOtlpExporter(o => o.Endpoint = endpoint));
        }

        return services;
    }

    /// <summary>Maps every entry of <see cref="ScimRoutes.All"/> (the local host; the Function App has one function per entry instead).</summary>
    public static IEndpointRouteBuilder MapScimRoutes(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        foreach (var route in ScimRoutes.All)
        {
            var name = route.Name;
            RequestDelegate handler = context => ScimEndpoints.HandleAsync(context, name, context.Request.RouteValues);
            if (name == ScimRoutes.FallbackName)
            {
                // Any method at all (TRACE, PROPFIND, …), so an unusual method gets the SCIM 405 rather than routing's empty one.
                endpoints.Map("/" + route.Template, handler).WithName(name).Add(endpoint => ((RouteEndpointBuilder)endpoint).Order = int.MaxValue);
            }
            else
            {
                endpoints.MapMethods("/" + route.Template, route.Methods.Select(m => m.ToUpperInvariant()), handler).WithName(name);
            }
        }

        return endpoints;
    }
}
