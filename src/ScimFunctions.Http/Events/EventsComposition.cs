using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ScimFunctions.KeyVault;
using ScimFunctions.Storage;
using ScimFunctions.Storage.Events;

namespace ScimFunctions.Http.Events;

/// <summary>
/// Event delivery's services: the endpoint store, the secret store (Key Vault when the stamp has one, else the token
/// table), the dispatcher with its delivery client, and the wake-up queue: <c>Scim:Events:QueueEndpoint</c> with the
/// managed identity in Azure, or the queue endpoint of <c>Scim:Storage:ConnectionString</c> (Azurite). Without either,
/// changes are still delivered, by the sweeper alone.
/// </summary>
public static class EventsComposition
{
    public static void Add(IServiceCollection services, IConfiguration configuration, TableStoreOptions storage, KeyVaultOptions vault)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(vault);
        services.TryAddSingleton(new EventOptions { QueueName = configuration[EventOptions.QueueNameKey] is { Length: > 0 } name ? name : EventOptions.DefaultQueueName });
        services.TryAddSingleton(provider => new WebhookStore(provider.GetRequiredService<TableStorage>().TenantTable));
        services.TryAddSingleton<IWebhookSecretStore>(provider => vault.VaultUri is { } vaultUri
            ? KeyVaultWebhookSecretStore.CreateWithManagedIdentity(vaultUri, vault.ManagedIdentityClientId)
            : new TableWebhookSecretStore(provider.GetRequiredService<TableStorage>().ServiceClient.GetTableClient(provider.GetRequiredService<TableStorage>().Options.TokenTable)));
        services.TryAddSingleton(provider => new WebhookUrls(provider.GetService<IHostEnvironment>()?.IsDevelopment() == true));
        services.TryAddSingleton(provider =>
        {
            var urls = provider.GetRequiredService<WebhookUrls>();
            var handler = new SocketsHttpHandler
            {
                AllowAutoRedirect = false, // a redirect would bypass the URL rules
                ConnectCallback = urls.ConnectAsync,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                ConnectTimeout = TimeSpan.FromSeconds(5),
            };
            return ActivatorUtilities.CreateInstance<WebhookDispatcher>(provider, new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan });
        });
        var queueEndpoint = configuration[EventOptions.QueueEndpointKey];
        var connectionString = storage.ConnectionString;
        var hasQueue = !string.IsNullOrWhiteSpace(queueEndpoint)
            || (connectionString is not null && (connectionString.Contains("QueueEndpoint=", StringComparison.OrdinalIgnoreCase)
                || connectionString.Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase)));
        services.TryAddSingleton<EventWorker>();
        services.TryAddSingleton<WebhookAdministration>();
        if (!hasQueue)
        {
            return;
        }

        services.TryAddSingleton(provider =>
        {
            var tables = provider.GetRequiredService<TableStorage>();
            var events = provider.GetRequiredService<EventOptions>();
            var clientOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
            foreach (var policy in events.QueuePolicies)
            {
                clientOptions.AddPolicy(policy, Azure.Core.HttpPipelinePosition.PerRetry);
            }

            var queue = !string.IsNullOrWhiteSpace(queueEndpoint)
                ? new QueueClient(new Uri(queueEndpoint.TrimEnd('/') + "/" + events.QueueName), KeyVaultTokenStore.ManagedIdentity(vault.ManagedIdentityClientId), clientOptions)
                : new QueueClient(connectionString, events.QueueName, clientOptions);
            return new EventQueue(queue, tables.Options.ChangeFeedSettleTime, provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<EventQueue>>(), createQueue: string.IsNullOrWhiteSpace(queueEndpoint));
        });
    }

    /// <summary>The local host: runs the dispatcher (queue listener and sweeper) in the process.</summary>
    public static IServiceCollection AddScimEventDispatcher(this IServiceCollection services)
    {
        services.AddHostedService<EventHostedService>();
        return services;
    }
}
