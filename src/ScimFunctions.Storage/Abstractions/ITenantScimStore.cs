using ScimFunctions.Core.Paging;
using ScimFunctions.Core.Patch;
using ScimFunctions.Core.Resources;

namespace ScimFunctions.Storage.Abstractions;

/// <summary>
/// The SCIM resources of exactly one tenant. An instance is bound to its tenant when it is created, so no call can
/// name, read or write another tenant's data: a resource of another tenant simply does not exist here (404).
/// Errors are <see cref="Core.Errors.ScimException"/>s: 404 not found, 409 uniqueness, 412 version mismatch,
/// 400 for quota/policy breaks; 503 when storage is unavailable.
/// </summary>
public interface ITenantScimStore
{
    TenantId Tenant { get; }

    /// <summary>Creates a resource from a document already normalized by <see cref="ResourceValidator"/>; assigns id and meta.</summary>
    Task<StoredResource> CreateAsync(ResourceTypeDefinition resourceType, JsonObject resource, WriteContext context, CancellationToken cancellationToken = default);

    /// <summary>Reads one resource; null when absent. Attributes that <paramref name="selection"/> leaves out may not be read at all (e.g. members).</summary>
    Task<StoredResource?> GetAsync(ResourceTypeDefinition resourceType, string id, AttributeSelection selection, CancellationToken cancellationToken = default);

    /// <summary>PUT: replaces the resource with a normalized document; immutable attributes checked; conditional on <paramref name="ifMatch"/> when given.</summary>
    Task<StoredResource> ReplaceAsync(ResourceTypeDefinition resourceType, string id, JsonObject resource, string? ifMatch, WriteContext context, CancellationToken cancellationToken = default);

    /// <summary>PATCH through <see cref="PatchEngine"/>: atomic; conditional on <paramref name="ifMatch"/> when given.</summary>
    Task<StoredResource> PatchAsync(ResourceTypeDefinition resourceType, string id, PatchRequest patch, CompatibilityOptions compatibility, string? ifMatch, WriteContext context, CancellationToken cancellationToken = default);

    /// <summary>Deletes the resource and everything that refers to it (index rows, memberships); a retry finishes an interrupted delete.</summary>
    Task DeleteAsync(ResourceTypeDefinition resourceType, string id, string? ifMatch, WriteContext context, CancellationToken cancellationToken = default);

    /// <summary>Filter, sort and page (index or cursor).</summary>
    Task<QueryResult> QueryAsync(ResourceTypeDefinition resourceType, ScimQuery query, CancellationToken cancellationToken = default);

    /// <summary>How many resources of the type the tenant has (from counters, without scanning).</summary>
    Task<long> CountAsync(ResourceTypeDefinition resourceType, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of a group's members (<c>value</c>, <c>type</c>, <c>display</c>) in member-id order, from an opaque cursor
    /// (null: the first page), reading only that page's member rows; <see cref="MemberPage.NextCursor"/> is null after
    /// the last member. Null when the group does not exist.
    /// </summary>
    Task<MemberPage?> ReadMembersAsync(ResourceTypeDefinition groupType, string groupId, string? cursor, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>Reads the change log in order, from an opaque cursor (null: from the start).</summary>
    Task<ChangePage> ReadChangesAsync(string? cursor, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>
    /// The settled change rows after <paramref name="position"/> (a <see cref="ChangeRecord.Position"/>; null: from the
    /// start), oldest first: what the event dispatcher reads from the position it stored.
    /// </summary>
    Task<IReadOnlyList<ChangeRecord>> ReadChangesAfterAsync(string? position, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>
    /// The change rows in (<paramref name="after"/>, <paramref name="upTo"/>] that were committed late
    /// (<see cref="ChangeRecord.CommittedLate"/>), oldest first, at most <paramref name="maxCount"/>: what the event
    /// dispatcher re-reads behind its position, since a reader may have passed them before they were visible.
    /// </summary>
    Task<IReadOnlyList<ChangeRecord>> ReadLateChangesAsync(string after, string upTo, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>Deletes up to <paramref name="maxCount"/> of the oldest change rows stamped before <paramref name="olderThan"/>; returns how many.</summary>
    Task<int> TrimChangesAsync(DateTimeOffset olderThan, int maxCount, CancellationToken cancellationToken = default);
}

/// <summary>Resolves a tenant's store (pool, silo table or silo account: only the table client differs).</summary>
public interface ITenantStoreProvider
{
    ValueTask<ITenantScimStore> GetStoreAsync(TenantId tenant, CancellationToken cancellationToken = default);

    /// <summary>
    /// The store of the incarnation a registry row the caller holds describes (no cache, no registry read): the HTTP
    /// layer's, once the tenant gate has admitted the request under that row.
    /// </summary>
    ITenantScimStore GetStore(Tenants.TenantRecord tenant);
}
