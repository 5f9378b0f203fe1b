using System.Security.Cryptography;
using ScimFunctions.Core;
using ScimFunctions.Core.Errors;

namespace ScimFunctions.Storage.Tokens;

/// <summary>
/// Issues, rotates, revokes and lists a tenant's tokens over an <see cref="ITokenStore"/>. The plaintext of a token
/// exists only in the <see cref="IssuedToken"/> returned by <see cref="IssueAsync"/> or <see cref="RotateAsync"/>;
/// the store receives its SHA-256 hash. Expired tokens are pruned whenever the set is written.
/// Errors are <see cref="ScimException"/>s: 404 for an unknown token id, 409 when the live-token limit is reached.
/// Changes are read-modify-write on the tenant's set: they are operator actions, not meant to race each other.
/// </summary>
public sealed class TokenIssuer
{
    private readonly ITokenStore _store;
    private readonly TokenIssuerOptions _options;
    private readonly TimeProvider _timeProvider;

    public TokenIssuer(ITokenStore store, TokenIssuerOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _options = options ?? TokenIssuerOptions.Default;
        _timeProvider = timeProvider ?? TimeProvider.System;
        if (_options.MaxLiveTokens < 2)
        {
            throw new ArgumentException("A tenant must be allowed at least two live tokens, so a token can be rotated with overlap.", nameof(options));
        }
    }

    /// <summary>Issues a new token; <paramref name="lifetime"/> null means it lives until revoked or rotated.</summary>
    public async Task<IssuedToken> IssueAsync(TenantId tenant, TimeSpan? lifetime = null, CancellationToken cancellationToken = default)
    {
        var now = _timeProvider.GetUtcNow();
        var live = LiveTokens(await _store.GetAsync(tenant, cancellationToken), now);
        var (issued, record) = NewToken(tenant, now, lifetime);
        await SaveAsync(tenant, live.Append(record), cancellationToken);
        return issued;
    }

    /// <summary>
    /// Issues a new token and lets the old one (or, when <paramref name="tokenId"/> is null, every live token) expire
    /// after <paramref name="overlap"/> (default <see cref="TokenIssuerOptions.RotationOverlap"/>; zero ends it now).
    /// </summary>
    public async Task<IssuedToken> RotateAsync(TenantId tenant, string? tokenId = null, TimeSpan? overlap = null, CancellationToken cancellationToken = default)
    {
        var now = _timeProvider.GetUtcNow();
        var live = LiveTokens(await _store.GetAsync(tenant, cancellationToken), now);
        if (tokenId is not null && !live.Any(token => token.TokenId == tokenId))
        {
            throw ScimException.NotFound($"The tenant has no live token '{tokenId}'.");
        }

        var endsAt = now + (overlap ?? _options.RotationOverlap);
        var kept = live
            .Select(token => tokenId is null || token.TokenId == tokenId ? token with { Expires = Earliest(token.Expires, endsAt) } : token)
            .Where(token => token.IsLive(now));
        var (issued, record) = NewToken(tenant, now, lifetime: null);
        await SaveAsync(tenant, kept.Append(record), cancellationToken);
        return issued;
    }

    /// <summary>Removes a token at once (processes that cached it stop accepting it within their cache TTL).</summary>
    public async Task RevokeAsync(TenantId tenant, string tokenId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokenId);
        var now = _timeProvider.GetUtcNow();
        var live = LiveTokens(await _store.GetAsync(tenant, cancellationToken), now);
        if (!live.Any(token => token.TokenId == tokenId))
        {
            throw ScimException.NotFound($"The tenant has no live token '{tokenId}'.");
        }

        await SaveAsync(tenant, live.Where(token => token.TokenId != tokenId), cancellationToken);
    }

    /// <summary>Removes every token of the tenant, e.g. when the tenant is deleted.</summary>
    public Task RevokeAllAsync(TenantId tenant, CancellationToken cancellationToken = default) =>
        _store.DeleteAsync(tenant, cancellationToken);

    /// <summary>The tenant's tokens (ids, dates, liveness), oldest first; never hashes or plaintext.</summary>
    public async Task<IReadOnlyList<TokenInfo>> ListAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        var now = _timeProvider.GetUtcNow();
        var tokens = await _store.GetAsync(tenant, cancellationToken);
        return tokens.Tokens
            .OrderBy(token => token.Created)
            .Select(token => new TokenInfo(token.TokenId, token.Created, token.Expires, token.IsLive(now)))
            .ToList();
    }

    private static List<TokenRecord> LiveTokens(TenantTokenSet tokens, DateTimeOffset now) =>
        tokens.Tokens.Where(token => token.IsLive(now)).ToList();

    private static DateTimeOffset Earliest(DateTimeOffset? current, DateTimeOffset candidate) =>
        current is { } expires && expires < candidate ? expires : candidate;

    private static (IssuedToken Issued, TokenRecord Record) NewToken(TenantId tenant, DateTimeOffset now, TimeSpan? lifetime)
    {
        var token = TenantToken.Create(tenant);
        var tokenId = "tok-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var expires = lifetime is { } span ? now + span : (DateTimeOffset?)null;
        return (new IssuedToken(tokenId, token, now, expires), new TokenRecord(tokenId, TenantToken.Hash(token), now, expires));
    }

    private async Task SaveAsync(TenantId tenant, IEnumerable<TokenRecord> tokens, CancellationToken cancellationToken)
    {
        var list = tokens.ToList();
        if (list.Count > _options.MaxLiveTokens)
        {
            throw new ScimException(409, null, $"A tenant may hold at most {_options.MaxLiveTokens} live tokens; revoke one first.");
        }

        await _store.SaveAsync(tenant, new TenantTokenSet(list), cancellationToken);
    }
}
