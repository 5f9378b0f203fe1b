using Azure.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ScimFunctions.Storage.Tokens;

namespace ScimFunctions.Storage;

/// <summary>The storage layer's composition: what every host and scimctl build on (the HTTP layer adds its own on top).</summary>
public static class ScimStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the store (<see cref="TableStorage"/>: registry, tenant stores, audit log, refusals), the token store
    /// (<paramref name="tokenStore"/>, e.g. Key Vault; default: the table token store in <see cref="TableStoreOptions.TokenTable"/>),
    /// the token issuer and verifier, and <see cref="TenantAdministration"/>. Every registration yields to one made
    /// before (tests substitute a counted store that way). No I/O: call <see cref="TableStorage.EnsureTablesAsync"/> at startup.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="options">The storage settings (<see cref="TableStoreOptions.FromConfiguration"/>).</param>
    /// <param name="credential">For <see cref="TableStoreOptions.TableEndpoint"/> and silo accounts reached by identity.</param>
    /// <param name="tokenStore">The token store, when not the table token store (Key Vault).</param>
    public static IServiceCollection AddScimStorage(
        this IServiceCollection services,
        TableStoreOptions options,
        TokenCredential? credential = null,
        Func<IServiceProvider, ITokenStore>? tokenStore = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton(provider => TableStorage.Create(options, credential, provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<TableServiceClient>(provider => provider.GetRequiredService<TableStorage>().ServiceClient);
        services.TryAddSingleton<ITenantRegistry>(provider => provider.GetRequiredService<TableStorage>().Tenants);
        services.TryAddSingleton<ITenantStoreProvider>(provider => provider.GetRequiredService<TableStorage>().Stores);
        services.TryAddSingleton(provider => provider.GetRequiredService<TableStorage>().Audit);
        services.TryAddSingleton(provider => provider.GetRequiredService<TableStorage>().Refusals);
        services.TryAddSingleton(provider => provider.GetRequiredService<TableStorage>().Moves);

        services.TryAddSingleton(tokenStore ?? (provider => TableTokenStore.Create(provider.GetRequiredService<TableServiceClient>(), provider.GetRequiredService<TableStorage>().Options.TokenTable)));
        services.TryAddSingleton(TokenVerifierOptions.Default);
        services.TryAddSingleton(provider => new TokenVerifier(provider.GetRequiredService<ITokenStore>(), provider.GetRequiredService<TokenVerifierOptions>(), provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(provider => new TokenIssuer(provider.GetRequiredService<ITokenStore>(), timeProvider: provider.GetRequiredService<TimeProvider>()));

        services.TryAddSingleton<TenantAdministration>();
        return services;
    }
}
