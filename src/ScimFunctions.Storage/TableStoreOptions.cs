using Azure.Core.Pipeline;
using Microsoft.Extensions.Configuration;

namespace ScimFunctions.Storage;

/// <summary>
/// Settings of the table store. Every host and scimctl fill them from the settings with <see cref="FromConfiguration"/>
/// (<c>Scim:Storage:ConnectionString</c> for Azurite/local, or <c>Scim:Storage:TableEndpoint</c> with a managed identity).
/// </summary>
public sealed class TableStoreOptions
{
    public const string ConnectionStringSetting = "Scim:Storage:ConnectionString";
    public const string TableEndpointSetting = "Scim:Storage:TableEndpoint";
    public const string ResourceTableSetting = "Scim:Storage:ResourceTable";
    public const string TenantTableSetting = "Scim:Storage:TenantTable";
    public const string TokenTableSetting = "Scim:Storage:TokenTable";
    public const string SiloAccountsSetting = "Scim:Storage:SiloAccounts";
    public const string MoveFenceSettleSecondsSetting = "Scim:Storage:MoveFenceSettleSeconds";
    public const string MoveSourceRetentionMinutesSetting = "Scim:Storage:MoveSourceRetentionMinutes";

    /// <summary>Azurite or a storage account by key (local runs, tests). Exactly one of this and <see cref="TableEndpoint"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The table service endpoint, used with a <see cref="Azure.Core.TokenCredential"/> (Azure: managed identity).</summary>
    public Uri? TableEndpoint { get; set; }

    /// <summary>The pool table holding every pooled tenant's resources (partition = tenant).</summary>
    public string ResourceTable { get; set; } = "scim";

    /// <summary>The tenant registry table (also holds the stamp's cursor-signing key).</summary>
    public string TenantTable { get; set; } = "tenants";

    /// <summary>The table of the table token store (token hashes; unused when tokens are in Key Vault).</summary>
    public string TokenTable { get; set; } = Tokens.TableTokenStore.DefaultTableName;

    /// <summary>
    /// Every table the stamp itself uses, the one list a silo tenant's table name is checked against (case-insensitively,
    /// as Azure compares table names). A table the stamp adds goes here, and is protected from tenants at once.
    /// </summary>
    public IReadOnlyList<string> StampTables => [ResourceTable, TenantTable, TokenTable];

    /// <summary>
    /// How long the registry keeps the tombstone of a deleted tenant incarnation, so that <c>purge-deleted</c> also
    /// removes rows written late by processes that still had the incarnation cached. Must exceed the longest tenant
    /// cache lifetime of any host plus the longest request (default 1 hour).
    /// </summary>
    public TimeSpan DeletedTenantRetention { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long the first move of a tenant waits, after it gave the tenant's location a fence, before it freezes
    /// writes: long enough for every write made with a registry row read before the fence existed to be over — longer
    /// than the longest tenant cache lifetime of any host (the HTTP tenant directory's included) plus the longest
    /// request (a request keeps the row it started with; its storage work ends by <c>Scim:Limits:RequestSeconds</c>); default
    /// 2 minutes (30 s + 60 s by default). A host refuses to start with less.
    /// </summary>
    public TimeSpan MoveFenceSettleTime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long a moved tenant's rows stay at the old location after the switch (processes that still have the old
    /// registry row cached read there until they refresh it; none can write there). Default 15 minutes.
    /// </summary>
    public TimeSpan MoveSourceRetention { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Connection strings of storage accounts that SiloAccount tenants may live in, for accounts the stamp reaches by key
    /// (e.g. a second Azurite) rather than with its credential. Settings <c>Scim:Storage:SiloAccounts:0</c>, <c>:1</c>, ….
    /// </summary>
    public IList<string> SiloAccountConnectionStrings { get; } = [];

    /// <summary>Counter shard rows per resource type and tenant.</summary>
    public int CounterShards { get; set; } = 8;

    /// <summary>Most resources a sorted query may read and sort in memory; more is 400 tooMany.</summary>
    public int MaxSortResources { get; set; } = 10_000;

    /// <summary>How long an RFC 9865 cursor stays valid (expiredCursor afterwards).</summary>
    public TimeSpan CursorLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a process keeps a tenant's registry row before reading it again (policy changes apply within this time).</summary>
    public TimeSpan TenantCacheLifetime { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The change feed only returns entries at least this old, so that a transaction stamped earlier but committed later
    /// than a reader's cursor is never skipped (must exceed clock skew plus the longest storage request).
    /// </summary>
    public TimeSpan ChangeFeedSettleTime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Azure SDK retries of a failed storage request (transient faults) before it becomes 503.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Timeout of one storage request.</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Policies run once per call (before retries), e.g. fault injection in tests.</summary>
    public IList<HttpPipelinePolicy> PerCallPolicies { get; } = [];

    /// <summary>Policies run for every attempt, e.g. <see cref="Diagnostics.StorageRequestCounter"/>.</summary>
    public IList<HttpPipelinePolicy> PerRetryPolicies { get; } = [];

    /// <summary>The HTTP transport of the storage clients; null is the SDK's default (benchmarks set an in-memory one).</summary>
    public HttpPipelineTransport? Transport { get; set; }

    /// <summary>Every setting these options are read from (<see cref="FromConfiguration"/>); <see cref="SiloAccountsSetting"/> is a list.</summary>
    public static IReadOnlyList<string> Settings { get; } =
        [ConnectionStringSetting, TableEndpointSetting, ResourceTableSetting, TenantTableSetting, TokenTableSetting, SiloAccountsSetting, MoveFenceSettleSecondsSetting, MoveSourceRetentionMinutesSetting];

    /// <summary>
    /// The one binding of the storage settings, which every host and scimctl use. Absent settings keep their defaults;
    /// whether storage is configured at all is checked when the store is built. A malformed endpoint throws
    /// <see cref="InvalidOperationException"/> naming the setting.
    /// </summary>
    public static TableStoreOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new TableStoreOptions
        {
            ConnectionString = Value(configuration, ConnectionStringSetting),
            TableEndpoint = Value(configuration, TableEndpointSetting) is { } endpoint ? ParseEndpoint(endpoint) : null,
        };
        if (Value(configuration, ResourceTableSetting) is { } resourceTable)
        {
            options.ResourceTable = resourceTable;
        }

        if (Value(configuration, TenantTableSetting) is { } tenantTable)
        {
            options.TenantTable = tenantTable;
        }

        if (Value(configuration, TokenTableSetting) is { } tokenTable)
        {
            options.TokenTable = tokenTable;
        }

        if (Value(configuration, MoveFenceSettleSecondsSetting) is { } settle)
        {
            options.MoveFenceSettleTime = TimeSpan.FromSeconds(ParseCount(settle, MoveFenceSettleSecondsSetting));
        }

        if (Value(configuration, MoveSourceRetentionMinutesSetting) is { } retention)
        {
            options.MoveSourceRetention = TimeSpan.FromMinutes(ParseCount(retention, MoveSourceRetentionMinutesSetting));
        }

        for (var i = 0; Value(configuration, SiloAccountsSetting + ConfigurationPath.KeyDelimiter + i.ToString(System.Globalization.CultureInfo.InvariantCulture)) is { } account; i++)
        {
            options.SiloAccountConnectionStrings.Add(account);
        }

        return options;
    }

    internal void Validate(bool hasCredential)
    {
        if (ConnectionString is null && TableEndpoint is null)
        {
            throw new InvalidOperationException($"Storage is not configured: set {ConnectionStringSetting} (Azurite, local) or {TableEndpointSetting} (Azure, managed identity).");
        }

        if (ConnectionString is not null && TableEndpoint is not null)
        {
            throw new InvalidOperationException($"Set either {ConnectionStringSetting} or {TableEndpointSetting}, not both.");
        }

        if (TableEndpoint is not null && !hasCredential)
        {
            throw new InvalidOperationException($"{TableEndpointSetting} needs a TokenCredential (managed identity in Azure).");
        }

        if (CounterShards is < 1 or > 64)
        {
            throw new InvalidOperationException("CounterShards must be between 1 and 64.");
        }
    }

    private static string? Value(IConfiguration configuration, string key) => string.IsNullOrWhiteSpace(configuration[key]) ? null : configuration[key];

    private static int ParseCount(string text, string setting) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value <= 100_000
            ? value
            : throw new InvalidOperationException($"Setting '{setting}' must be a whole number from 0 to 100000.");

    private static Uri ParseEndpoint(string text) =>
        Uri.TryCreate(text.Trim().TrimEnd('/'), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : throw new InvalidOperationException($"Setting '{TableEndpointSetting}' must be an absolute http(s) URL.");
}
