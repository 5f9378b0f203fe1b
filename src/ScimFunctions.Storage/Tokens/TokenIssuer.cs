using System.Security.Cryptography;

namespace ScimFunctions.Storage.Tokens;

/// <summary>
/// Issues, rotates, revokes and lists a tenant's tokens over an <see cref="ITokenStore"/>. The plaintext of a token
/// exists only in the <see cref="IssuedToken"/> returned by <c>IssueAsync</c> or <see cref="RotateAsync"/>;
/// the store receives its SHA-256 hash. Expired tokens are pruned whenever the set is written.
/// Errors are <see cref="ScimException"/>s: 404 for an unknown token id, 409 when the live-token limit is reached.
/// Changes are optimistic read-modify-writes on the tenant's set: a save on top of a stale read is refused by the
/// store and the change is re-applied to the fresh set, so issue, rotate and revoke racing each other (two operators,
/// two instances) all take effect; a 409 only when <see cref="TokenIssuerOptions.MaxSaveAttempts"/> are used up.
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

        if (_options.MaxSaveAttempts < 1)
        {
            throw new ArgumentException("At least one save attempt is needed.", nameof(options));
        }
    }

    /// <summary>Issues a new SCIM token; <paramref name="lifetime"/> null means it lives until revoked or rotated.</summary>
    public Task<IssuedToken> IssueAsync(TenantId tenant, TimeSpan? lifetime = null, CancellationToken cancellationToken = default) =>
        IssueAsync(tenant, lifetime, TokenScope.Scim, cancellationToken);

    /// <summary>Issues a new token of <paramref name="scope"/>; <paramref name="lifetime"/> null means it lives until revoked or rotated.</summary>
    public async Task<IssuedToken> IssueAsync(TenantId tenant, TimeSpan? lifetime, TokenScope scope, CancellationToken cancellationToken = default)
    {
        var now = _timeProvider.GetUtcNow();
        var (issued, record) = NewToken(tenant, now, lifetime, scope);
        await ChangeAsync(tenant, now, live => Contains(live, record.TokenId) ? null : live.Append(record), cancellationToken);
        return issued;
    }

    /// <summary>
    /// Issues a new token and lets the old one (or, when <paramref name="tokenId"/> is null, every live token) expire
    /// after <paramref name="overlap"/> (default <see cref="TokenIssuerOptions.RotationOverlap"/>; zero ends it now).
    /// The new token has the scope of the token it replaces (a SCIM token when every live token is rotated).
    /// </summary>
    public async Task<IssuedToken> RotateAsync(TenantId tenant, string? tokenId = null, TimeSpan? overlap = null, CancellationToken cancellationToken = default)
    {
        var now = _timeProvider.GetUtcNow();
        var (issued, record) = NewToken(tenant, now, lifetime: null);
        await ChangeAsync(tenant, now, live =>
        {
            if (Contains(live, record.TokenId))
            {
                return null;
            }

            if (tokenId is not null && !Contains(live, tokenId))
            {
                throw ScimException.NotFound($"The tenant has no live token '{tokenId}'.");
            }

            // The successor of one token keeps its scope (a read token never rotates into a SCIM token).
            var scope = tokenId is null ? TokenScope.Scim : live.Find(token => token.TokenId == tokenId)!.Scope;
            record = record with { Scope = scope };
            issued = issued with { Scope = scope };
            var endsAt = now + (overlap ?? _options.RotationOverlap);
            return live
                .Select(token => tokenId is null || token.TokenId == tokenId ? token with { Expires = Earliest(token.Expires, endsAt) } : token)
                .Where(token => token.IsLive(now))
                .Append(record);
        }, cancellationToken);
        return issued;
    }

    /// <summary>Removes a token at once (processes that cached it stop accepting it within their cache TTL).</summary>
    public Task RevokeAsync(TenantId tenant, string tokenId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokenId);
        var attempted = false;
        return ChangeAsync(tenant, _timeProvider.GetUtcNow(), live =>
        {
            if (!Contains(live, tokenId))
            {
                // Gone on a retry: a racing revoke (or our own write, whose answer was lost) already removed it.
                return attempted ? null : throw ScimException.NotFound($"The tenant has no live token '{tokenId}'.");
            }

            attempted = true;
            return live.Where(token => token.TokenId != tokenId);
        }, cancellationToken);
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
            .Select(token => new TokenInfo(token.TokenId, token.Created, token.Expires, token.IsLive(now), token.Scope))
            .ToList();
    }

    private static List<TokenRecord> LiveTokens(TenantTokenSet tokens, DateTimeOffset now) =>
        tokens.Tokens.Where(token => token.IsLive(now)).ToList();

    private static DateTimeOffset Earliest(DateTimeOffset? current, DateTimeOffset candidate) =>
        current is { } expires && expires < candidate ? expires : candidate;

    private static (IssuedToken Issued, TokenRecord Record) NewToken(TenantId tenant, DateTimeOffset now, TimeSpan? lifetime, TokenScope scope = TokenScope.Scim)
    {
        var token = TenantToken.Create(tenant);
        var tokenId = "tok-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var expires = lifetime is { } span ? now + span : (DateTimeOffset?)null;
        return (new IssuedToken(tokenId, token, now, expires, scope), new TokenRecord(tokenId, TenantToken.Hash(token), now, expires, scope));
    }

    /// <summary>
    /// Optimistic read-modify-write: reads the set, applies <paramref name="change"/> to its tokens live at
    /// <paramref name="now"/> (the operation's instant, kept across attempts) and saves on
    /// top of the version read. When another writer got in between (<see cref="TokenSetConflictException"/>), reads
    /// again and re-applies the change to the fresh set, after a short random pause, up to
    /// <see cref="TokenIssuerOptions.MaxSaveAttempts"/> times. <paramref name="change"/> returns null when the set
    /// already shows the change (a retried write that had landed), so nothing is applied twice.
    /// </summary>
    private async Task ChangeAsync(TenantId tenant, DateTimeOffset now, Func<List<TokenRecord>, IEnumerable<TokenRecord>?> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var read = await _store.GetAsync(tenant, cancellationToken);
            if (change(LiveTokens(read, now))?.ToList() is not { } changed)
            {
                return;
            }

            if (changed.Count > _options.MaxLiveTokens)
            {
                throw new ScimException(409, null, $"A tenant may hold at most {_options.MaxLiveTokens} live tokens; revoke one first.");
            }

            try
            {
                await _store.SaveAsync(tenant, new TenantTokenSet(changed) { Version = read.Version }, cancellationToken);
                return;
            }
            catch (TokenSetConflictException) when (attempt < _options.MaxSaveAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 * Math.Min(attempt, 10))), cancellationToken);
            }
            catch (TokenSetConflictException)
            {
                throw new ScimException(409, null, "The tenant's tokens were being changed by other requests at the same time; try again.");
            }
        }
    }

    private static bool Contains(List<TokenRecord> tokens, string tokenId) => tokens.Exists(token => token.TokenId == tokenId);
}
