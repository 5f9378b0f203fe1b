using System.Collections.Concurrent;
using Azure.Core;
using ScimFunctions.Storage.Audit;
using ScimFunctions.Storage.Secrets;
using ScimFunctions.Storage.Store;

namespace ScimFunctions.Storage;

/// <summary>
/// The composition root of the table store, without dependency injection: build one per process
/// (<see cref="CreateAsync"/>) and hand its <see cref="Tenants"/> and <see cref="Stores"/> to the HTTP layer.
/// Clients are created once here, with the options' pipeline policies (e.g. the request counter) attached.
/// </summary>
public sealed class TableStorage
{
    private readonly TokenCredential? _credential;
    private readonly TableClientOptions _clientOptions;
    private readonly ConcurrentDictionary<string, TableServiceClient> _siloAccounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _accountConnectionStrings = new(StringComparer.Ordinal);
    private readonly StoreServices _services;
    private readonly TenantStoreProvider _provider;

    private TableStorage(TableStoreOptions options, TableServiceClient service, TableClientOptions clientOptions, TokenCredential? credential, TimeProvider time)
    {
        Options = options;
        ServiceClient = service;
        _clientOptions = clientOptions;
        _credential = credential;
        ResourceTable = service.GetTableClient(options.ResourceTable);
        TenantTable = service.GetTableClient(options.TenantTable);
        _services = new StoreServices(options, new StampSecrets(TenantTable), time);
        foreach (var connectionString in options.SiloAccountConnectionStrings)
        {
            _accountConnectionStrings[AccountName(new TableServiceClient(connectionString).Uri)] = connectionString;
        }

        Audit = new OperatorAuditLog(TenantTable, _services.Secrets, time, options.ChangeFeedSettleTime);
        Refusals = new TenantRefusals(TenantTable);
        var registry = new TableTenantRegistry(this, time);
        Tenants = registry;
        _provider = new TenantStoreProvider(this, registry, time);
        Moves = new TenantMover(this, registry, time);
        _services.Fenced = record =>
        {
            ForgetTenant(record);
            TenantFenced?.Invoke(record.Id);
        };
    }

    /// <summary>
    /// Raised when a write of this process failed on a tenant's location fence (the tenant is being moved or has
    /// moved): caches of its registry row outside the storage layer (the HTTP tenant directory) drop it.
    /// </summary>
    public event Action<TenantId>? TenantFenced;

    /// <summary>Moves tenants between the pool, silo tables and silo accounts online (docs/operations.md).</summary>
    public TenantMover Moves { get; }

    public TableStoreOptions Options { get; }

    /// <summary>The stamp's table service (other components, e.g. the local token store, may use it).</summary>
    public TableServiceClient ServiceClient { get; }

    /// <summary>The pool table of resources.</summary>
    public TableClient ResourceTable { get; }

    /// <summary>The tenant registry table.</summary>
    public TableClient TenantTable { get; }

    public ITenantRegistry Tenants { get; }

    /// <summary>Why tenants' requests were refused (counts per reason), as the hosts record it.</summary>
    public TenantRefusals Refusals { get; }

    /// <summary>The record of operator actions per tenant (kept in the registry table; it outlives the tenant).</summary>
    public OperatorAuditLog Audit { get; }

    public ITenantStoreProvider Stores => _provider;

    /// <summary>Builds the clients and creates the tables when missing (two requests at startup).</summary>
    public static async Task<TableStorage> CreateAsync(TableStoreOptions options, TokenCredential? credential = null, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var storage = Create(options, credential, time);
        await storage.EnsureTablesAsync(cancellationToken);
        return storage;
    }

    /// <summary>Builds the clients without any I/O (call <see cref="EnsureTablesAsync"/> once at startup).</summary>
    public static TableStorage Create(TableStoreOptions options, TokenCredential? credential = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(credential is not null);
        var clientOptions = new TableClientOptions();
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        clientOptions.Retry.NetworkTimeout = options.NetworkTimeout;
        clientOptions.Retry.Delay = TimeSpan.FromMilliseconds(200);
        clientOptions.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        foreach (var policy in options.PerCallPolicies)
        {
            clientOptions.AddPolicy(policy, HttpPipelinePosition.PerCall);
        }

        foreach (var policy in options.PerRetryPolicies)
        {
            clientOptions.AddPolicy(policy, HttpPipelinePosition.PerRetry);
        }

        clientOptions.AddPolicy(Limits.RequestBudgetPolicy.Instance, HttpPipelinePosition.PerRetry);
        if (options.Transport is { } transport)
        {
            clientOptions.Transport = transport;
        }

        var service = options.ConnectionString is { } connectionString
            ? new TableServiceClient(connectionString, clientOptions)
            : new TableServiceClient(options.TableEndpoint!, credential!, clientOptions);
        return new TableStorage(options, service, clientOptions, credential, time ?? TimeProvider.System);
    }

    public async Task EnsureTablesAsync(CancellationToken cancellationToken = default)
    {
        await ResourceTable.CreateIfNotExistsAsync(cancellationToken);
        await TenantTable.CreateIfNotExistsAsync(cancellationToken);
    }

    /// <summary>The store of a tenant whose registry row the caller already holds (no registry read).</summary>
    public ITenantScimStore GetStore(TenantRecord tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return new TableTenantStore(_services, TableFor(tenant), tenant);
    }

    /// <summary>The table a tenant's rows live in: the pool table, its own table, or a table in its own account.</summary>
    public TableClient TableFor(TenantRecord tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return tenant.Isolation switch
        {
            TenantIsolation.SiloTable => ServiceClient.GetTableClient(tenant.TableName!),
            TenantIsolation.SiloAccount => SiloAccount(tenant.StorageEndpoint!)
                .GetTableClient(tenant.TableName ?? Options.ResourceTable),
            _ => ResourceTable,
        };
    }

    /// <summary>The table service endpoint of the account a tenant's table is in (the stamp's own unless SiloAccount).</summary>
    internal Uri AccountOf(TenantRecord tenant) =>
        tenant.Isolation == TenantIsolation.SiloAccount ? tenant.StorageEndpoint! : ServiceClient.Uri;

    /// <summary>
    /// Whether the stamp has a way into the account at <paramref name="endpoint"/>: a connection string configured for
    /// it (<see cref="TableStoreOptions.SiloAccountConnectionStrings"/>), or the stamp's credential.
    /// </summary>
    internal bool CanAuthenticateTo(Uri endpoint) => _accountConnectionStrings.ContainsKey(AccountName(endpoint)) || _credential is not null;

    private TableServiceClient SiloAccount(Uri endpoint) =>
        _siloAccounts.GetOrAdd(AccountName(endpoint), account => _accountConnectionStrings.TryGetValue(account, out var connectionString)
            ? new TableServiceClient(connectionString, _clientOptions)
            : _credential is not null
                ? new TableServiceClient(endpoint, _credential, _clientOptions)
                : throw new ScimException(503, null, StorageErrors.TenantStorageMissingDetail, new InvalidOperationException($"No connection string or credential is configured for the storage account at {endpoint.Authority}.")));

    /// <summary>An account endpoint, normalized: scheme, host, port and path (Azurite names the account in the path), lower case.</summary>
    internal static string AccountName(Uri endpoint) =>
        (endpoint.Scheme + "://" + endpoint.Authority + endpoint.AbsolutePath.TrimEnd('/')).ToLowerInvariant();

    /// <summary>Drops what this process cached about a tenant incarnation (after it was deleted).</summary>
    internal void ForgetTenant(TenantRecord tenant)
    {
        _provider.Forget(tenant.Id);
        _services.Counters.Forget(TableFor(tenant).Name, TenantPartition.KeyOf(tenant.Id, tenant.Incarnation));
    }
}
