using Azure.Data.Tables;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using ScimFunctions.Http.Pipeline;
using ScimFunctions.Http.Routing;
using ScimFunctions.Http.Telemetry;
using ScimFunctions.Http.Tenancy;
using ScimFunctions.KeyVault;
using ScimFunctions.Storage;
using ScimFunctions.Storage.Tokens;

namespace ScimFunctions.Http;

/// <summary>Service registration and route mapping shared by both hosts.</summary>
public static class ScimHttpServiceCollectionExtensions
{
    /// <summary>Optional: the client id of a user-assigned managed identity for Key Vault (default: system-assigned).</summary>
    public const string ManagedIdentityClientIdKey = "Scim:ManagedIdentity:ClientId";

    /// <summary>Optional: the table of the local token store (default "tokens"); unused with Key Vault.</summary>
    public const string TokenTableKey = TableStoreOptions.TokenTableSetting;

    /// <summary>
    /// Registers the HTTP layer, the store, the token store (Key Vault when <c>Scim:KeyVault:Uri</c> is set, with the
    /// managed identity; else the table token store) and telemetry. Throws at once, naming the setting, when a
    /// required setting is missing or malformed, or a <c>Scim:</c> setting is unknown (<see cref="ScimSettings"/>).
    /// </summary>
    public static IServiceCollection AddScimHttp(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ScimSettings.RejectUnknown(configuration);
        var options = ScimHttpOptions.FromConfiguration(configuration);
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);

        ScimStorageComposition.Add(services, configuration, options);
        services.TryAddSingleton<ITokenStore>(provider => options.KeyVaultUri is { } vault
            ? KeyVaultTokenStore.CreateWithManagedIdentity(vault, configuration[ManagedIdentityClientIdKey])
            : TableTokenStore.Create(provider.GetRequiredService<TableServiceClient>(), provider.GetRequiredService<TableStorage>().Options.TokenTable));
        services.AddSingleton(provider => new TokenVerifier(
            provider.GetRequiredService<ITokenStore>(),
            new TokenVerifierOptions { CacheTtl = options.TokenCacheTtl, MissRefreshInterval = options.TokenMissRefreshInterval },
            provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(provider => new TokenIssuer(provider.GetRequiredService<ITokenStore>(), timeProvider: provider.GetRequiredService<TimeProvider>()));

        services.AddSingleton<TenantDirectory>();
        services.AddSingleton<TenantRateLimiter>();
        services.AddSingleton<UnknownTenantLimiter>();
        services.AddSingleton<BaseUrls>();
        services.AddSingleton<OperatorAuthenticator>();
        services.AddSingleton<RefusalLog>();
        services.AddSingleton<TenantGate>();
        Events.EventsComposition.Add(services, configuration, options);

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
            RequestDelegate handler = context => ScimEndpoints.HandleAsync(context, name);
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
