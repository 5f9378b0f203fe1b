using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ScimFunctions.Storage;
using ScimFunctions.Storage.Abstractions;
using ScimFunctions.Storage.Tenants;

namespace ScimFunctions.Http;

/// <summary>
/// The store, built once per process from the settings (<see cref="TableStoreOptions.FromSettings"/>):
/// <c>Scim:Storage:ConnectionString</c> (Azurite, or a connection string) or <c>Scim:Storage:TableEndpoint</c> with
/// the managed identity. Its tables are created at startup when missing.
/// </summary>
internal static class ScimStorageComposition
{
    public static void Add(IServiceCollection services, IConfiguration configuration, ScimHttpOptions options)
    {
        services.TryAddSingleton(provider =>
        {
            var storeOptions = TableStoreOptions.FromSettings(key => configuration[key]);
            if (options.StorageConnectionString is not null)
            {
                storeOptions.TableEndpoint = null;
            }

            var credential = storeOptions.TableEndpoint is null ? null : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
            return TableStorage.Create(storeOptions, credential, provider.GetRequiredService<TimeProvider>());
        });
        services.TryAddSingleton<TableServiceClient>(provider => provider.GetRequiredService<TableStorage>().ServiceClient);
        services.TryAddSingleton<ITenantRegistry>(provider => provider.GetRequiredService<TableStorage>().Tenants);
        services.TryAddSingleton<ITenantStoreProvider>(provider => provider.GetRequiredService<TableStorage>().Stores);
        services.TryAddSingleton(provider => provider.GetRequiredService<TableStorage>().Audit);
        services.TryAddSingleton(provider => provider.GetRequiredService<TableStorage>().Refusals);
        services.AddHostedService<StorageInitializer>();
    }

    /// <summary>Creates the store's tables at startup; a failure is logged and retried by the store's own first use.</summary>
    private sealed class StorageInitializer(TableStorage storage, ILogger<StorageInitializer> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            try
            {
                await storage.EnsureTablesAsync(cancellationToken);
            }
            catch (Exception error) when (Storage.Tables.StorageErrors.IsUnavailable(error, CancellationToken.None) || error is Azure.RequestFailedException)
            {
                logger.LogError(error, "Could not create the storage tables at startup");
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
