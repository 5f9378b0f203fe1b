using System.Text.Json.Serialization;

namespace ScimFunctions.Storage.Tenants;

/// <summary>Where a tenant's rows live: the pool, a silo table of the stamp's account, or a table in another account.</summary>
public sealed record TenantLocation(TenantIsolation Isolation, string? TableName = null, Uri? StorageEndpoint = null)
{
    public static TenantLocation Pool { get; } = new(TenantIsolation.Pool);

    public static TenantLocation Of(TenantRecord tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return new(tenant.Isolation, tenant.TableName, tenant.StorageEndpoint);
    }

    /// <summary>
    /// The target an operator names (scimctl's <c>--to</c>, the operator API's <c>to</c>): <c>pool</c>,
    /// <c>silo-table</c> with a table name, or <c>silo-account</c> with the account's table endpoint and optionally a
    /// table name (default <c>scim</c> + the tenant id's letters and digits). Anything else is a 400.
    /// </summary>
    public static TenantLocation Parse(TenantId tenant, string? to, string? table, string? storageEndpoint)
    {
        switch (to?.Trim().ToLowerInvariant())
        {
            case "pool" when table is null && storageEndpoint is null:
                return Pool;
            case "silo-table" when storageEndpoint is null && !string.IsNullOrWhiteSpace(table):
                return new(TenantIsolation.SiloTable, table);
            case "silo-account" when Uri.TryCreate(storageEndpoint, UriKind.Absolute, out var endpoint):
                var name = string.IsNullOrWhiteSpace(table) ? "scim" + new string([.. tenant.Value.Where(char.IsAsciiLetterOrDigit)]) : table;
                return new(TenantIsolation.SiloAccount, name.Length > 63 ? name[..63] : name, endpoint);
            default:
                throw Core.Errors.ScimException.InvalidValue("Name the target: 'pool', 'silo-table' with a table name, or 'silo-account' with the account's table endpoint (and optionally a table name).");
        }
    }

    /// <summary>The tenant's registry row as it would be at this location (same id and incarnation).</summary>
    public TenantRecord Apply(TenantRecord tenant, string? epoch)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return tenant with { Isolation = Isolation, TableName = TableName, StorageEndpoint = StorageEndpoint, Epoch = epoch };
    }

    public override string ToString() => Isolation switch
    {
        TenantIsolation.SiloTable => $"silo table '{TableName}'",
        TenantIsolation.SiloAccount => $"table '{TableName}' of the account at {StorageEndpoint?.Authority}",
        _ => "the pool",
    };
}

/// <summary>The steps of a tenant move, in order; each is stored in the registry before its work starts.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MoveState>))]
public enum MoveState
{
    /// <summary>Recorded: the target is claimed; the source location gets its fence when it has none.</summary>
    Planned,

    /// <summary>Every row of the source is copied to the target; writes go on at the source.</summary>
    Copying,

    /// <summary>
    /// The target is compared with the source row by row and made equal to it, then once more from the source's keys
    /// and its rows written since; the target's fence row is written; writes go on at the source.
    /// </summary>
    CatchingUp,

    /// <summary>
    /// The source's fence row is deleted (its writes answer 503); one read of the source (its keys and ETags, and its
    /// rows written since the catch-up's last pass began; source and target in full for a run resumed here) makes the
    /// target equal to it row by row, and the registry switches to the target at once.
    /// </summary>
    Frozen,

    /// <summary>
    /// Reported as progress while the rows moved are checked after the switch (the stored step is then
    /// <see cref="Switched"/>); a move row of an earlier version in this step is resumed as <see cref="Frozen"/>.
    /// </summary>
    Verifying,

    /// <summary>The registry row points at the target (new epoch): writes go there; the rows moved are checked (ConsistencyChecker, the note).</summary>
    Switched,

    /// <summary>The source's rows are kept until <see cref="TenantMove.RetainUntil"/> (stale readers), then removed.</summary>
    SourceRetained,

    /// <summary>The source's rows (and the silo table the tenant owned there) are gone.</summary>
    Completed,

    /// <summary>Rolled back before the switch: the target's rows are gone and the source is writable again.</summary>
    RolledBack,
}

/// <summary>
/// A tenant move as the registry stores it (row <c>~move~{tenant}</c>, JSON, written with its ETag): what a run of
/// <c>scimctl tenant move</c> resumes from.
/// </summary>
public sealed record TenantMove
{
    /// <summary>The tenant (the row key of the move row; not in its JSON).</summary>
    [JsonIgnore]
    public TenantId Tenant { get; init; }

    public required MoveState State { get; init; }

    public required TenantLocation Source { get; init; }

    public required TenantLocation Target { get; init; }

    /// <summary>The source location's epoch (its fence row).</summary>
    public required string SourceEpoch { get; init; }

    /// <summary>The target location's epoch, published with the switch.</summary>
    public required string TargetEpoch { get; init; }

    public DateTimeOffset Started { get; init; }

    /// <summary>When the freeze may start: every process has read a registry row with the source epoch by then.</summary>
    public DateTimeOffset FenceSettled { get; init; }

    /// <summary>When the catch-up's comparison started, less a margin for clock skew.</summary>
    public DateTimeOffset CopiedUpTo { get; init; }

    public long RowsCopied { get; init; }

    public DateTimeOffset? Frozen { get; init; }

    public DateTimeOffset? Switched { get; init; }

    /// <summary>How long writes were frozen (fence deleted → registry switched), in milliseconds.</summary>
    public long? FreezeMilliseconds { get; init; }

    public DateTimeOffset? RetainUntil { get; init; }

    public DateTimeOffset? Finished { get; init; }

    /// <summary>
    /// When a rollback began (it is stored before the rollback touches anything, so a run still working on the move sees
    /// the move row changed at its next look and stops, and a run about to switch fails its switch on the row's ETag).
    /// </summary>
    public DateTimeOffset? RollbackStarted { get; init; }

    /// <summary>Why the last run stopped (a failed verification that rolled the move back), for the operator.</summary>
    public string? Note { get; init; }

    /// <summary>True from <see cref="MoveState.Planned"/> until the switch: a rollback is still possible.</summary>
    [JsonIgnore]
    public bool CanRollBack => State < MoveState.Switched;

    /// <summary>True while the move holds the tenant (not completed and not rolled back).</summary>
    [JsonIgnore]
    public bool IsActive => State is not (MoveState.Completed or MoveState.RolledBack);
}

/// <summary>A move as operators see it (the operator API and scimctl --json): camelCase, enums as strings, nulls left out.</summary>
public static class TenantMoveJson
{
    internal static readonly System.Text.Json.JsonSerializerOptions Options = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The move, with its running step's <paramref name="progress"/> (rows, total, rate, ETA) as <c>progress</c> when given.</summary>
    public static System.Text.Json.Nodes.JsonObject Write(TenantMove move, MoveStepProgress? progress = null)
    {
        ArgumentNullException.ThrowIfNull(move);
        var document = System.Text.Json.JsonSerializer.SerializeToNode(move, Options)!.AsObject();
        document.Insert(0, "tenant", move.Tenant.Value);
        document.Remove("sourceEpoch");
        document.Remove("targetEpoch");
        if (progress is not null)
        {
            document["progress"] = progress.ToJson();
        }

        return document;
    }
}

/// <summary>Progress of the copy steps of a move: rows done in the current step, out of about how many.</summary>
public sealed record MoveProgress(MoveState State, long Rows, long? Total);
