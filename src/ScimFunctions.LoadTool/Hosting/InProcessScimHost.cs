using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ScimFunctions.Core;
using ScimFunctions.Http;
using ScimFunctions.Storage;
using ScimFunctions.Storage.Abstractions;
using ScimFunctions.Storage.Diagnostics;
using ScimFunctions.Storage.Limits;
using ScimFunctions.Storage.Tenants;
using ScimFunctions.Storage.Tokens;

namespace ScimFunctions.LoadTool.Hosting;

/// <summary>
/// The real SCIM HTTP layer on Kestrel at 127.0.0.1 on a free port, inside this process, over the given storage,
/// with a <see cref="StorageRequestCounter"/> in the storage pipeline and every response carrying its storage request
/// count. Used by `scimload run --in-process`, `scimload scale` and the fault tests.
/// </summary>
internal sealed class InProcessScimHost(WebApplication app, StorageRequestCounter counter, LogVolumeMeter logs, Uri rootUrl) : IAsyncDisposable
{
    /// <summary>Set to any value to see the host's warnings and errors on the console.</summary>
    public const string HostLogVariable = "SCIMLOAD_HOST_LOG";

    /// <summary>Bytes the host has logged at Information or higher (rendered as JSON lines, then discarded).</summary>
    public LogVolumeMeter Logs { get; } = logs;

    public StorageRequestCounter StorageRequests { get; } = counter;

    /// <summary>http://127.0.0.1:{port}/</summary>
    public Uri RootUrl { get; } = rootUrl;

    public IServiceProvider Services => app.Services;

    /// <summary>Token-store reads so far (the verifier's cache misses plus the issuer's reads).</summary>
    public long TokenStoreReads => ((CountingTokenStore)Services.GetRequiredService<ITokenStore>()).Reads;

    /// <param name="storageConnectionString">The storage (Azurite or an account).</param>
    /// <param name="settings">Settings over the defaults (table names, …).</param>
    /// <param name="services">Services registered before the host's own (which yield to them), e.g. the event dispatcher for <c>--webhook</c>.</param>
    /// <param name="cancellationToken">Stops the start.</param>
    public static async Task<InProcessScimHost> StartAsync(string storageConnectionString, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(storageConnectionString);
        var builder = LoopbackApp.CreateBuilder();
        var logs = new LogVolumeMeter();
        builder.Logging.AddProvider(logs);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning); // as the hosts do: the service's own lines are measured
        if (Environment.GetEnvironmentVariable(HostLogVariable) is { Length: > 0 })
        {
            builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        }
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            [TableStoreOptions.ConnectionStringSetting] = storageConnectionString,
        });

        // The hosts' composition, with the request counter in the storage pipeline and the token store it chose counted:
        // the run reports storage requests and token-store reads per request.
        var counter = new StorageRequestCounter();
        services?.Invoke(builder.Services);
        builder.Services.AddScimHttp(builder.Configuration, storage => storage.PerRetryPolicies.Add(counter));
        var tokenStore = builder.Services.Last(service => service.ServiceType == typeof(ITokenStore));
        builder.Services.Replace(ServiceDescriptor.Singleton<ITokenStore>(provider => new CountingTokenStore((ITokenStore)tokenStore.ImplementationFactory!(provider))));
        builder.Services.AddSingleton<IHostLifetime, ToolOwnedLifetime>();

        var app = builder.Build();
        app.Use(next => StorageRequestHeaderMiddleware.Wrap(counter, next));
        app.MapScimRoutes();
        return new InProcessScimHost(app, counter, logs, await LoopbackApp.StartAsync(app, cancellationToken));
    }

    /// <summary>
    /// Creates the tenant when it does not exist yet (the highest rate limit: a load tenant must not be throttled by its own
    /// policy) and issues a fresh token for it. Returns the tenant's SCIM base URL and the token.
    /// </summary>
    public async Task<(Uri BaseUrl, string Token)> CreateTenantAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        var tenant = TenantId.Parse(tenantId);
        await EnsureLoadTenantAsync(Services.GetRequiredService<ITenantRegistry>(), tenant, cancellationToken);

        var issued = await Services.GetRequiredService<TokenIssuer>().IssueAsync(tenant, cancellationToken: cancellationToken);
        return (new Uri(RootUrl, $"scim/v2/{tenantId}"), issued.Token);
    }

    /// <summary>
    /// The tenant's registry record, created first when missing as a load tenant: the ceiling rate, so a load tenant is
    /// not throttled by its own policy.
    /// </summary>
    public static async Task<TenantRecord> EnsureLoadTenantAsync(ITenantRegistry registry, TenantId tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return await registry.GetAsync(tenant, cancellationToken)
            ?? await registry.CreateAsync(
                new TenantRecord
                {
                    Id = tenant,
                    Created = DateTimeOffset.UtcNow,
                    DisplayName = "scimload",
                    Policy = TenantPolicy.Default with { RequestsPerSecond = Ceilings.RequestsPerSecond },
                },
                cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
