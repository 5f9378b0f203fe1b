using System.Security.Cryptography;
using System.Text;
using ScimFunctions.Storage.Caching;

namespace ScimFunctions.Storage.Tokens;

/// <summary>
/// Checks a presented bearer token against the tenant's stored hashes.
/// <list type="bullet">
/// <item>A token that is malformed or names another tenant is rejected before any store read.</item>
/// <item>The tenant's token set is cached per process for <see cref="TokenVerifierOptions.CacheTtl"/>
/// (<see cref="TokenVerifierOptions.NegativeCacheTtl"/> when it has no live token): a revoked token keeps working
/// where it was cached for at most that long.</item>
/// <item>Concurrent misses for one tenant share one store read (single flight), and at most
/// <see cref="TokenVerifierOptions.MaxCachedTenants"/> tenants are cached (least recently used evicted): the
/// process's one <see cref="BoundedCache{TKey, TValue}"/>.</item>
/// <item>A cached set belongs to the tenant incarnation it was read for: once the caller knows a newer incarnation
/// (the tenant id was deleted and created again), the set is read again, so a token of the deleted tenant that is still
/// cached is never accepted for the new one.</item>
/// <item>A well-formed token of the tenant whose hash is not in the cached set triggers one fresh read of the set when the
/// cached read is at least <see cref="TokenVerifierOptions.MissRefreshInterval"/> old (single flight), so a token
/// issued elsewhere works at once, while a flood of wrong tokens still costs at most one read per interval and
/// tenant, and at most <see cref="TokenVerifierOptions.MaxMissRefreshesPerSecond"/> per second over all tenants.</item>
/// <item>Hashes are compared with <see cref="CryptographicOperations.FixedTimeEquals"/>, each one, without an early exit.</item>
/// <item>Token expiry is checked against the clock on every call, so an expired token fails at its expiry even when cached.</item>
/// </list>
/// Store failures propagate (they are not cached); the verifier logs nothing and keeps no token or hash beyond the call.
/// </summary>
public sealed class TokenVerifier
{
    private readonly ITokenStore _store;
    private readonly TokenVerifierOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly BoundedCache<TenantId, TokenSnapshot> _cache;
    private readonly Lock _missBudgetLock = new();
    private long _missBudgetSecond = long.MinValue;
    private int _missBudgetUsed;

    public TokenVerifier(ITokenStore store, TokenVerifierOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _options = options ?? TokenVerifierOptions.Default;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _cache = new BoundedCache<TenantId, TokenSnapshot>(_options.MaxCachedTenants, _timeProvider);
    }

    public ValueTask<TokenVerification> VerifyAsync(TenantId tenant, string presentedToken, CancellationToken cancellationToken = default) =>
        VerifyAsync(tenant, null, presentedToken, cancellationToken);

    /// <summary>Checks a token for one incarnation of the tenant (<see cref="Tenants.TenantRecord.Incarnation"/>; null for a tenant without one).</summary>
    public async ValueTask<TokenVerification> VerifyAsync(TenantId tenant, string? incarnation, string presentedToken, CancellationToken cancellationToken = default)
    {
        if (!TenantToken.TryReadTenant(presentedToken, out var named) || named != tenant)
        {
            return TokenVerification.Invalid;
        }

        TokenSnapshot snapshot;
        do
        {
            // A set cached (or being read) for another incarnation is read again for this one.
            snapshot = await _cache.GetOrLoadAsync(tenant, LoaderFor(incarnation), LifetimeOf, cached => cached.Incarnation != incarnation, cancellationToken);
        }
        while (snapshot.Incarnation != incarnation);

        var (result, known) = Match(snapshot.Tokens, presentedToken, _timeProvider.GetUtcNow());
        if (result.IsValid || known)
        {
            return result;
        }

        // A token of the tenant's format that matches no cached hash may be one issued since the set was read (by the
        // CLI, another instance): the set is read again once, unless the cached read started less than
        // MissRefreshInterval ago or the process-wide budget is spent. Concurrent misses share that one read, and a
        // caller that finds a set read since its own uses it.
        var refreshed = await _cache.GetOrLoadAsync(tenant, LoaderFor(incarnation), LifetimeOf, cached => ReferenceEquals(cached, snapshot) && IsMissRefreshDue(cached), cancellationToken);
        return ReferenceEquals(refreshed, snapshot) || refreshed.Incarnation != incarnation
            ? result
            : Match(refreshed.Tokens, presentedToken, _timeProvider.GetUtcNow()).Result;
    }

    /// <summary>Forgets the cached token set of a tenant, e.g. right after this process issued or revoked one of its tokens.</summary>
    public void Invalidate(TenantId tenant) => _cache.Invalidate(tenant);

    // Known: the hash is in the set (an expired token); such a miss needs no fresh read.
    private static (TokenVerification Result, bool Known) Match(TenantTokenSet tokens, string presentedToken, DateTimeOffset now)
    {
        Span<byte> utf8 = stackalloc byte[TenantToken.MaxLength];
        var length = Encoding.UTF8.GetBytes(presentedToken, utf8);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..length], hash);

        TokenRecord? matched = null;
        var known = false;
        foreach (var token in tokens.Tokens)
        {
            var equal = CryptographicOperations.FixedTimeEquals(token.Sha256, hash);
            known |= equal;
            if (equal && token.IsLive(now))
            {
                matched ??= token;
            }
        }

        return (matched is null ? TokenVerification.Invalid : new TokenVerification(true, matched.TokenId, matched.Scope), known);
    }

    // The shared read runs without any one caller's cancellation token: other callers wait on the same result.
    private Func<TenantId, Task<TokenSnapshot>> LoaderFor(string? incarnation) => async tenant =>
    {
        var started = _timeProvider.GetTimestamp();
        return new TokenSnapshot(await _store.GetAsync(tenant, CancellationToken.None), incarnation, started);
    };

    private TimeSpan LifetimeOf(TokenSnapshot snapshot)
    {
        var now = _timeProvider.GetUtcNow();
        return snapshot.Tokens.Tokens.Any(token => token.IsLive(now)) ? _options.CacheTtl : _options.NegativeCacheTtl;
    }

    private bool IsMissRefreshDue(TokenSnapshot snapshot) =>
        _timeProvider.GetElapsedTime(snapshot.LoadStarted) >= _options.MissRefreshInterval && TakeMissBudget();

    // A fixed one-second window over all tenants (see TokenVerifierOptions.MaxMissRefreshesPerSecond).
    private bool TakeMissBudget()
    {
        var second = _timeProvider.GetTimestamp() / _timeProvider.TimestampFrequency;
        lock (_missBudgetLock)
        {
            if (second != _missBudgetSecond)
            {
                _missBudgetSecond = second;
                _missBudgetUsed = 0;
            }

            if (_missBudgetUsed >= _options.MaxMissRefreshesPerSecond)
            {
                return false;
            }

            _missBudgetUsed++;
            return true;
        }
    }

    /// <summary>A tenant's token set as read for one incarnation, with the timestamp its read started at.</summary>
    private sealed record TokenSnapshot(TenantTokenSet Tokens, string? Incarnation, long LoadStarted);
}
