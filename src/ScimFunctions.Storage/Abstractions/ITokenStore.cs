using ScimFunctions.Storage.Tokens;

namespace ScimFunctions.Storage.Abstractions;

/// <summary>One live token of a tenant: never the token, only its SHA-256 hash, and what it may be used for.</summary>
public sealed record TokenRecord(string TokenId, byte[] Sha256, DateTimeOffset Created, DateTimeOffset? Expires, TokenScope Scope = TokenScope.Scim)
{
    public bool IsLive(DateTimeOffset now) => Expires is null || Expires > now;
}

/// <summary>The token hashes of one tenant (at least two may be live, so a token can be rotated with overlap).</summary>
public sealed record TenantTokenSet(IReadOnlyList<TokenRecord> Tokens)
{
    /// <summary>The set of a tenant that has none stored (its <see cref="Version"/> is null).</summary>
    public static TenantTokenSet Empty { get; } = new([]);

    /// <summary>
    /// The store's version of the stored set this one was read from or is based on (a table ETag, a Key Vault secret
    /// version); null when the tenant had no set stored. <see cref="ITokenStore.SaveAsync"/> writes only on top of
    /// this version. Carry it over when deriving a new set from a read one: <c>new TenantTokenSet(list) { Version = read.Version }</c>.
    /// </summary>
    public string? Version { get; init; }
}

/// <summary>
/// Where token hashes live: Azure Key Vault in Azure (one secret per tenant), table storage for the local host.
/// </summary>
public interface ITokenStore
{
    /// <summary>The tenant's token hashes; <see cref="TenantTokenSet.Empty"/> when it has none.</summary>
    Task<TenantTokenSet> GetAsync(TenantId tenant, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the tenant's set if the stored one is still the version <paramref name="tokens"/> is based on
    /// (<see cref="TenantTokenSet.Version"/>; null: only if the tenant has no set stored). Otherwise throws
    /// <see cref="TokenSetConflictException"/> and changes nothing, so two read-modify-writes racing each other
    /// cannot silently drop one of the changes.
    /// </summary>
    Task SaveAsync(TenantId tenant, TenantTokenSet tokens, CancellationToken cancellationToken = default);

    /// <summary>Removes the tenant's set, whatever its version (idempotent).</summary>
    Task DeleteAsync(TenantId tenant, CancellationToken cancellationToken = default);
}
