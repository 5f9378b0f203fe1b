namespace ScimFunctions.Storage.Tenants;

/// <summary>
/// A per-process cache of registry rows (the HTTP layer's tenant directory), told by <see cref="TenantAdministration"/>
/// about each change made in this process so that it applies here at once; other processes see it within their cache lifetime.
/// </summary>
public interface ITenantCache
{
    /// <summary>A tenant was created: <paramref name="record"/> is its row, as written.</summary>
    void Remember(TenantRecord record);

    /// <summary>A tenant was changed or deleted: its cached row is stale.</summary>
    void Invalidate(TenantId tenant);
}
