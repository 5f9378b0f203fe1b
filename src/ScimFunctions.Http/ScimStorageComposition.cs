using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ScimFunctions.Http;

/// <summary>
/// Builds the storage clients once per process from the settings: <c>Scim:Storage:ConnectionString</c> (Azurite,
/// or a connection string) or <c>Scim:Storage:TableEndpoint</c> with the managed identity.
/// </summary>
internal static class ScimStorageComposition
{
    public static void Add(IServiceCollection services, ScimHttpOptions options)
    {
        services.TryAddSingleton(_ => options.StorageConnectionString is { } connectionString
            ? new TableServiceClient(connectionString)
            : new TableServiceClient(options.StorageTableEndpoint, new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)));
    }
}
