namespace ScimFunctions.Storage.Tenants;

public enum TenantStatus
{
    Active,
    Suspended,

    /// <summary>A delete was started and is not finished: the tenant is unusable and a retry of the delete completes it.</summary>
    Deleting,
}

/// <summary>Where a tenant's rows live. The code path is the same; only the table client differs.</summary>
public enum TenantIsolation
{
    /// <summary>Shared table, partition = tenant (default).</summary>
    Pool,

    /// <summary>The tenant's own table in the stamp's storage account.</summary>
    SiloTable,

    /// <summary>The tenant's own storage account (table endpoint in <see cref="TenantRecord.StorageEndpoint"/>).</summary>
    SiloAccount,
}

/// <summary>Operations a tenant may perform.</summary>
[Flags]
public enum AllowedOperations
{
    None = 0,
    Read = 1,
    Create = 2,
    Update = 4,
    Delete = 8,
    All = Read | Create | Update | Delete,
}

/// <summary>A tenant's limits and permitted operations. Null means unlimited.</summary>
public sealed record TenantPolicy
{
    public static TenantPolicy Default { get; } = new();

    public long? MaxUsers { get; init; }
    public long? MaxGroups { get; init; }
    public double RequestsPerSecond { get; init; } = 50;
    public AllowedOperations AllowedOperations { get; init; } = AllowedOperations.All;
    public bool BulkEnabled { get; init; } = true;
    public int BulkMaxOperations { get; init; } = 100;
    public int BulkMaxPayloadBytes { get; init; } = 1_048_576;
    public int MaxRequestBytes { get; init; } = 1_048_576;
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Whether AI agents may use the tenant's MCP tools at <c>/mcp/{tenantId}</c> (off: 403 for every token).</summary>
    public bool McpEnabled { get; init; } = true;

    /// <summary>How many days the tenant's change rows (the change feed and its webhook events) are kept before the event sweeper trims them.</summary>
    public int ChangeRetentionDays { get; init; } = 30;

    /// <summary>
    /// The one rule of what a tenant may do, enforced by its store for every caller (and checked by the HTTP gate and
    /// bulk before any work): a 403 unless <see cref="AllowedOperations"/> has <paramref name="operation"/>; once the
    /// trial has expired (<see cref="ExpiresAt"/>) nothing but reads.
    /// </summary>
    public void RequireAllowed(AllowedOperations operation, DateTimeOffset now)
    {
        if (!AllowedOperations.HasFlag(operation))
        {
            throw ScimException.Forbidden($"This tenant's policy does not allow the '{operation}' operation.");
        }

        if (operation != AllowedOperations.Read && ExpiresAt is { } expires && expires <= now)
        {
            throw ScimException.Forbidden("This tenant's trial has expired; it can no longer change resources.");
        }
    }
}

/// <summary>One row of the tenant registry.</summary>
public sealed record TenantRecord
{
    public required TenantId Id { get; init; }
    public TenantStatus Status { get; init; } = TenantStatus.Active;
    public DateTimeOffset Created { get; init; }
    public string? DisplayName { get; init; }
    public TenantPolicy Policy { get; init; } = TenantPolicy.Default;
    public CompatibilityOptions Compatibility { get; init; } = CompatibilityOptions.Default;
    public TenantIsolation Isolation { get; init; } = TenantIsolation.Pool;

    /// <summary>For <see cref="TenantIsolation.SiloTable"/>/<see cref="TenantIsolation.SiloAccount"/>: the table name.</summary>
    public string? TableName { get; init; }

    /// <summary>For <see cref="TenantIsolation.SiloAccount"/>: the table service endpoint.</summary>
    public Uri? StorageEndpoint { get; init; }

    /// <summary>
    /// Which life of this tenant id the row describes: set by the registry when the tenant is created (16 hex digits,
    /// new on every create) and part of the partition key of all the tenant's rows, so a re-created tenant id starts
    /// empty whatever other processes still have cached. Null for a tenant created before incarnations existed.
    /// </summary>
    public string? Incarnation { get; init; }

    /// <summary>
    /// The epoch of the tenant's current location, set by its first move (<see cref="TenantMove"/>): every write
    /// transaction of the store also merges that location's fence row, so once a move fences the location (deletes the
    /// row) no process that still has this registry row cached can commit a write there. Null for a tenant never
    /// moved: its writes carry no fence.
    /// </summary>
    public string? Epoch { get; init; }

    /// <summary>Tenant extension schemas (RFC 7643 §7 JSON), keyed by resource type name ("User", "Group").</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ExtensionSchemasJson { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>True when active and not expired at <paramref name="now"/>.</summary>
    public bool IsUsable(DateTimeOffset now) => Status == TenantStatus.Active && !IsExpired(now);

    /// <summary>True when the policy's <c>expiresAt</c> has passed at <paramref name="now"/>.</summary>
    public bool IsExpired(DateTimeOffset now) => Policy.ExpiresAt is { } expires && expires <= now;

    /// <summary>What an operator is told: <c>active</c>, <c>suspended</c>, <c>deleting</c> or (an active tenant past its <c>expiresAt</c>) <c>expired</c>.</summary>
    public string StateAt(DateTimeOffset now) => Status == TenantStatus.Active && IsExpired(now) ? "expired" : Status.ToString().ToLowerInvariant();
}
