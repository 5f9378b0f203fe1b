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
/// (<see cref="TokenVerifierOptions.NegativeCacheTtl"/> when it has no live token), so a wrong token of a cached
/// tenant costs no read, and a flood of wrong tokens costs at most one read per period.</item>
/// <item>Concurrent misses for one tenant share one store read (single flight).</item>
/// <item>A cached set belongs to the tenant incarnation it was read for: once the caller knows a newer incarnation
/// (the tenant id was deleted and created again), the set is read again, so a token of the deleted tenant that is still
/// cached is never accepted for the new one.</item>
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

        var tokens = await GetTokenSetAsync(tenant, incarnation, cancellationToken);
        return Match(tokens, presentedToken, _timeProvider.GetUtcNow());
    }

    /// <summary>Forgets the cached token set of a tenant, e.g. right after this process issued or revoked one of its tokens.</summary>
    public void Invalidate(TenantId tenant) => _cache.TryRemove(tenant, out _);

    private static TokenVerification Match(TenantTokenSet tokens, string presentedToken, DateTimeOffset now)
    {
        Span<byte> utf8 = stackalloc byte[TenantToken.MaxLength];
        var length = Encoding.UTF8.GetBytes(presentedToken, utf8);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..length], hash);

        string? matched = null;
        foreach (var token in tokens.Tokens)
        {
            if (CryptographicOperations.FixedTimeEquals(token.Sha256, hash) && token.IsLive(now))
            {
                matched ??= token.TokenId;
            }
        }

        return matched is null ? TokenVerification.Invalid : new TokenVerification(true, matched);
    }

    private ValueTask<TenantTokenSet> GetTokenSetAsync(TenantId tenant, string? incarnation, CancellationToken cancellationToken)
    {
        while (true)
        {
            var found = _cache.TryGetValue(tenant, out var cached);
            if (found && cached!.Incarnation == incarnation && !cached.IsStale(_timeProvider, _options))
            {
                return cached.Tokens.IsCompletedSuccessfully
                    ? new ValueTask<TenantTokenSet>(cached.Tokens.Result)
                    : new ValueTask<TenantTokenSet>(cached.Tokens.WaitAsync(cancellationToken));
            }

            var fresh = new CachedTokenSet(_timeProvider.GetTimestamp(), incarnation);
            var won = found ? _cache.TryUpdate(tenant, fresh, cached!) : _cache.TryAdd(tenant, fresh);
            if (!won)
            {
                continue;
            }

            if (!found)
            {
                TrimCache();
            }

            _ = LoadAsync(tenant, fresh);
            return new ValueTask<TenantTokenSet>(fresh.Tokens.WaitAsync(cancellationToken));
        }
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
