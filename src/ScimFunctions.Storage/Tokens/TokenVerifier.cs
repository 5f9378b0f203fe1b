using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using ScimFunctions.Core;

namespace ScimFunctions.Storage.Tokens;

/// <summary>
/// Checks a presented bearer token against the tenant's stored hashes.
/// <list type="bullet">
/// <item>A token that is malformed or names another tenant is rejected before any store read.</item>
/// <item>The tenant's token set is cached per process for <see cref="TokenVerifierOptions.CacheTtl"/>
/// (<see cref="TokenVerifierOptions.NegativeCacheTtl"/> when it has no live token): a revoked token keeps working
/// where it was cached for at most that long.</item>
/// <item>Concurrent misses for one tenant share one store read (single flight).</item>
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
    private readonly ConcurrentDictionary<TenantId, CachedTokenSet> _cache = new();
    private readonly Lock _missBudgetLock = new();
    private long _missBudgetSecond = long.MinValue;
    private int _missBudgetUsed;

    public TokenVerifier(ITokenStore store, TokenVerifierOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _options = options ?? TokenVerifierOptions.Default;
        _timeProvider = timeProvider ?? TimeProvider.System;
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

        var entry = GetEntry(tenant, incarnation);
        var (result, known) = Match(await entry.Tokens.WaitAsync(cancellationToken), presentedToken, _timeProvider.GetUtcNow());
        if (result.IsValid || known || RefreshAfterMiss(tenant, entry) is not { } refreshed)
        {
            return result;
        }

        return Match(await refreshed.Tokens.WaitAsync(cancellationToken), presentedToken, _timeProvider.GetUtcNow()).Result;
    }

    /// <summary>Forgets the cached token set of a tenant, e.g. right after this process issued or revoked one of its tokens.</summary>
    public void Invalidate(TenantId tenant) => _cache.TryRemove(tenant, out _);

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

    private CachedTokenSet GetEntry(TenantId tenant, string? incarnation)
    {
        while (true)
        {
            var found = _cache.TryGetValue(tenant, out var cached);
            if (found && cached!.Incarnation == incarnation && !cached.IsStale(_timeProvider, _options))
            {
                return cached;
            }

            if (Replace(tenant, found ? cached : null, incarnation) is { } fresh)
            {
                return fresh;
            }
        }
    }

    /// <summary>
    /// A token of the tenant's format that matches no cached hash may be one issued since the set was read (by the
    /// CLI, another instance): the set is read again once, unless the cached read started less than
    /// <see cref="TokenVerifierOptions.MissRefreshInterval"/> ago. Concurrent misses share one read (the one that
    /// replaces the entry wins; the others wait on it), so a flood of wrong tokens costs one read per interval.
    /// Null when no new read is due (the miss stands).
    /// </summary>
    private CachedTokenSet? RefreshAfterMiss(TenantId tenant, CachedTokenSet missed)
    {
        if (!missed.Tokens.IsCompletedSuccessfully)
        {
            return null;
        }

        while (true)
        {
            var found = _cache.TryGetValue(tenant, out var current);
            if (found && !ReferenceEquals(current, missed))
            {
                // Another caller refreshed (or reloaded) since our read: its result is as fresh as ours would be.
                return current!.LoadStarted > missed.LoadStarted ? current : null;
            }

            if (_timeProvider.GetElapsedTime(missed.LoadStarted) < _options.MissRefreshInterval || !TakeMissBudget())
            {
                return null;
            }

            if (Replace(tenant, found ? missed : null, missed.Incarnation) is { } fresh)
            {
                return fresh;
            }
        }
    }

    // A fixed one-second window over all tenants (see TokenVerifierOptions.MaxMissRefreshesPerSecond). A caller that
    // takes budget and then loses the race to replace the entry has spent it: the bound holds, at worst a little early.
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

    /// <summary>Starts a read that replaces <paramref name="expected"/> (null: no entry); null when another caller got there first.</summary>
    private CachedTokenSet? Replace(TenantId tenant, CachedTokenSet? expected, string? incarnation)
    {
        var fresh = new CachedTokenSet(_timeProvider.GetTimestamp(), incarnation);
        var won = expected is not null ? _cache.TryUpdate(tenant, fresh, expected) : _cache.TryAdd(tenant, fresh);
        if (!won)
        {
            return null;
        }

        if (expected is null)
        {
            TrimCache();
        }

        _ = LoadAsync(tenant, fresh);
        return fresh;
    }

    // The shared read runs without any one caller's cancellation token: other callers wait on the same result.
    private async Task LoadAsync(TenantId tenant, CachedTokenSet entry)
    {
        try
        {
            entry.Complete(await _store.GetAsync(tenant, CancellationToken.None));
        }
#pragma warning disable CA1031 // The failure is handed to every waiter; nothing is swallowed.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _cache.TryRemove(new KeyValuePair<TenantId, CachedTokenSet>(tenant, entry));
            entry.Fail(ex);
        }
    }

    private void TrimCache()
    {
        if (_cache.Count <= _options.MaxCachedTenants)
        {
            return;
        }

        foreach (var entry in _cache)
        {
            if (entry.Value.IsStale(_timeProvider, _options))
            {
                _cache.TryRemove(entry);
            }
        }

        foreach (var entry in _cache)
        {
            if (_cache.Count <= _options.MaxCachedTenants)
            {
                break;
            }

            _cache.TryRemove(entry);
        }
    }

    private sealed class CachedTokenSet(long loadStarted, string? incarnation)
    {
        public long LoadStarted => loadStarted;

        public string? Incarnation => incarnation;

        private readonly TaskCompletionSource<TenantTokenSet> _tokens = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<TenantTokenSet> Tokens => _tokens.Task;

        public void Complete(TenantTokenSet tokens) => _tokens.TrySetResult(tokens);

        public void Fail(Exception exception) => _tokens.TrySetException(exception);

        // Age counts from the start of the read, so what is served is never older than the TTL.
        public bool IsStale(TimeProvider timeProvider, TokenVerifierOptions options)
        {
            if (!Tokens.IsCompleted)
            {
                return false;
            }

            if (!Tokens.IsCompletedSuccessfully)
            {
                return true;
            }

            var now = timeProvider.GetUtcNow();
            var ttl = Tokens.Result.Tokens.Any(token => token.IsLive(now)) ? options.CacheTtl : options.NegativeCacheTtl;
            return timeProvider.GetElapsedTime(loadStarted) >= ttl;
        }
    }
}
