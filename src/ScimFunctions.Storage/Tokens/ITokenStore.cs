using ScimFunctions.Core;

namespace ScimFunctions.Storage.Tokens;

/// <summary>One live token of a tenant: never the token, only its SHA-256 hash.</summary>
public sealed record TokenRecord(string TokenId, byte[] Sha256, DateTimeOffset Created, DateTimeOffset? Expires)
{
    public bool IsLive(DateTimeOffset now) => Expires is null || Expires > now;
}

/// <summary>The token hashes of one tenant (at least two may be live, so a token can be rotated with overlap).</summary>
public sealed record TenantTokenSet(IReadOnlyList<TokenRecord> Tokens)
{
    public static TenantTokenSet Empty { get; } = new([]);
}

/// <summary>
/// Where token hashes live: Azure Key Vault in Azure (one secret per tenant), table storage for the local host.
/// </summary>
public interface ITokenStore
{
    /// <summary>The tenant's token hashes; <see cref="TenantTokenSet.Empty"/> when it has none.</summary>
    Task<TenantTokenSet> GetAsync(TenantId tenant, CancellationToken cancellationToken = default);

    Task SaveAsync(TenantId tenant, TenantTokenSet tokens, CancellationToken cancellationToken = default);

    Task DeleteAsync(TenantId tenant, CancellationToken cancellationToken = default);
}
