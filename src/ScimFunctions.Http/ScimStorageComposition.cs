using Azure.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ScimFunctions.KeyVault;
using ScimFunctions.Storage;

namespace ScimFunctions.Http;

/// <summary>
/// The storage layer's composition (<see cref="ScimStorageServiceCollectionExtensions.AddScimStorage"/>) as the hosts
/// run it: <c>Scim:Storage:ConnectionString</c> (Azurite, or a connection string; wins) or <c>Scim:Storage:TableEndpoint</c>
/// with the system-assigned managed identity; tokens in Key Vault when <c>Scim:KeyVault:Uri</c> is set. Its tables are
/// created at startup when missing.
/// </summary>
internal static class ScimStorageComposition
{
    public static void Add(IServiceCollection services, TableStoreOptions storage, KeyVaultOptions vault)
    {
        if (storage.ConnectionString is null && storage.TableEndpoint is null)
        {
            throw new ScimConfigurationException(
                $"Missing setting '{TableStoreOptions.ConnectionStringSetting}' (Azurite or a storage connection string) or '{TableStoreOptions.TableEndpointSetting}' " +
                "(a table endpoint reached with the managed identity). Set one in local.settings.json 'Values', the app settings, " +
                "or an environment variable (use '__' for ':', e.g. Scim__Storage__ConnectionString).");
        }

        if (storage.ConnectionString is not null)
        {
            storage.TableEndpoint = null;
        }

        var credential = storage.TableEndpoint is null ? null : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
        services.AddScimStorage(storage, credential, vault.TokenStore());
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
