
namespace ScimFunctions.Storage.Abstractions;

/// <summary>The registry of tenants of one stamp.</summary>
public interface ITenantRegistry
{
    Task<TenantRecord?> GetAsync(TenantId tenant, CancellationToken cancellationToken = default);
    Task<TenantRecord> CreateAsync(TenantRecord tenant, CancellationToken cancellationToken = default);
    Task<TenantRecord> UpdateAsync(TenantRecord tenant, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<TenantRecord>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the tenant's registry row and all its data (the rows of its incarnation, and its silo table when the
    /// registry's claim proves the tenant alone owned it); resumable (a retry finishes an interrupted delete).
    /// </summary>
    Task DeleteAsync(TenantId tenant, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes rows that processes still caching a deleted incarnation wrote after its delete, and forgets tombstones
    /// older than <see cref="TableStoreOptions.DeletedTenantRetention"/>. Idempotent and resumable.
    /// </summary>
    Task<PurgeReport> PurgeDeletedAsync(IProgress<string>? progress = null, CancellationToken cancellationToken = default);
}

/// <summary>What a purge of deleted tenant incarnations did.</summary>
/// <param name="Tombstones">Deleted incarnations the registry remembers (before this purge).</param>
/// <param name="RowsRemoved">Late rows deleted from their partitions.</param>
/// <param name="TombstonesForgotten">Tombstones past the retention, removed.</param>
/// <param name="Unreachable">Tombstones whose storage could not be reached (kept for a later run).</param>
public sealed record PurgeReport(int Tombstones, long RowsRemoved, int TombstonesForgotten, int Unreachable);
