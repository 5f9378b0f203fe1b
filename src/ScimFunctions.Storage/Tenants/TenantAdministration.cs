using ScimFunctions.Storage.Audit;
using ScimFunctions.Storage.Tokens;

namespace ScimFunctions.Storage.Tenants;

/// <summary>Who runs an operator action, as the audit log records it: the actor and the id of the request or command run.</summary>
public sealed record OperatorCall(string Actor, string? RequestId);

/// <summary>
/// The operator's use cases — create, suspend, resume, delete, move, change policy, compatibility or schemas, issue, rotate
/// and revoke tokens — each written ahead to the audit log (<see cref="OperatorAuditLog"/>) and followed by the cache
/// invalidation it needs in this process. The operator API and scimctl both call it; finding the tenant (and the
/// message when it is missing) is theirs.
/// </summary>
public sealed class TenantAdministration(
    ITenantRegistry registry,
    TokenIssuer issuer,
    TokenVerifier verifier,
    OperatorAuditLog audit,
    TenantMover moves,
    IEnumerable<ITenantCache> caches)
{
    private readonly IReadOnlyList<ITenantCache> _caches = [.. caches];

    public async Task<TenantRecord> CreateAsync(TenantRecord tenant, OperatorCall call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var created = await RecordAsync(call, tenant.Id, AuditActions.TenantCreate, AuditDetails.Created(tenant), () => registry.CreateAsync(tenant, cancellationToken), null, cancellationToken);
        foreach (var cache in _caches)
        {
            cache.Remember(created);
        }

        return created;
    }

    public Task<TenantRecord> SuspendAsync(TenantRecord tenant, OperatorCall call, CancellationToken cancellationToken = default) =>
        SetStatusAsync(tenant, TenantStatus.Suspended, AuditActions.TenantSuspend, call, cancellationToken);

    public Task<TenantRecord> ResumeAsync(TenantRecord tenant, OperatorCall call, CancellationToken cancellationToken = default) =>
        SetStatusAsync(tenant, TenantStatus.Active, AuditActions.TenantResume, call, cancellationToken);

    /// <summary>
    /// Writes <paramref name="changed"/> (a policy, compatibility or schema change of a row just read) as
    /// <paramref name="action"/>, with <paramref name="detail"/> (see <see cref="AuditDetails.Updated"/>) in the audit log.
    /// </summary>
    public async Task<TenantRecord> UpdateAsync(TenantRecord changed, string action, string? detail, OperatorCall call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changed);
        var updated = await RecordAsync(call, changed.Id, action, detail, () => registry.UpdateAsync(changed, cancellationToken), null, cancellationToken);
        Invalidate(updated.Id);
        return updated;
    }

    /// <summary>Revokes every token of the tenant, then deletes it (its data is removed by the registry's deletion).</summary>
    public async Task DeleteAsync(TenantId tenant, OperatorCall call, CancellationToken cancellationToken = default)
    {
        await RecordAsync(call, tenant, AuditActions.TenantDelete, null, async () =>
        {
            await issuer.RevokeAllAsync(tenant, cancellationToken);
            await registry.DeleteAsync(tenant, cancellationToken);
            return true;
        }, null, cancellationToken);
        Invalidate(tenant);
        verifier.Invalidate(tenant);
    }

    /// <summary>
    /// Moves the tenant to <paramref name="target"/>, or resumes its move (<paramref name="target"/> null), as far as
    /// it can go now (see <see cref="TenantMover.MoveAsync"/>); the tenant's cached row is dropped here once it switched.
    /// </summary>
    public async Task<TenantMove> MoveAsync(TenantId tenant, TenantLocation? target, IProgress<MoveProgress>? progress, OperatorCall call, CancellationToken cancellationToken = default)
    {
        var move = await RecordAsync(call, tenant, AuditActions.TenantMove, AuditDetails.Move(target), () => moves.MoveAsync(tenant, target, moves.RecordProgress(tenant, progress), cancellationToken), moved => AuditDetails.Moved(target, moved), cancellationToken);
        Invalidate(tenant);
        return move;
    }

    /// <summary>Rolls back the tenant's move (only before it switched).</summary>
    public async Task<TenantMove> RollbackMoveAsync(TenantId tenant, OperatorCall call, CancellationToken cancellationToken = default)
    {
        var move = await RecordAsync(call, tenant, AuditActions.TenantMoveRollback, null, () => moves.RollbackAsync(tenant, cancellationToken), moved => AuditDetails.Moved(null, moved), cancellationToken);
        Invalidate(tenant);
        return move;
    }

    /// <summary>The tenant's last move, or null.</summary>
    public Task<TenantMove?> GetMoveAsync(TenantId tenant, CancellationToken cancellationToken = default) => moves.GetAsync(tenant, cancellationToken);

    /// <summary>
    /// The progress (rows, rate, ETA) of <paramref name="move"/>'s last step, as the run doing it (here or on another
    /// instance) last reported it, until the move switches; null after that or when it reported nothing yet.
    /// </summary>
    public async Task<MoveStepProgress?> GetMoveProgressAsync(TenantMove move, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(move);
        return move.CanRollBack && await moves.GetProgressAsync(move.Tenant, cancellationToken) is { } progress && progress.Updated >= move.Started ? progress : null;
    }

    /// <summary>Issues a new token of <paramref name="scope"/> (what it may call: SCIM, or MCP read or read-write tools).</summary>
    public async Task<IssuedToken> IssueTokenAsync(TenantId tenant, TimeSpan? lifetime, TokenScope scope, OperatorCall call, CancellationToken cancellationToken = default)
    {
        var issued = await RecordAsync(call, tenant, AuditActions.TokenIssue, null, () => issuer.IssueAsync(tenant, lifetime, scope, cancellationToken), AuditDetails.Issued, cancellationToken);
        verifier.Invalidate(tenant);
        return issued;
    }

    /// <summary>Issues a new token; <paramref name="rotatedOut"/> (default: every live token) keeps working for <paramref name="overlap"/>.</summary>
    public async Task<IssuedToken> RotateTokenAsync(TenantId tenant, string? rotatedOut, TimeSpan? overlap, OperatorCall call, CancellationToken cancellationToken = default)
    {
        var issued = await RecordAsync(call, tenant, AuditActions.TokenRotate, AuditDetails.Rotation(rotatedOut, overlap),
            () => issuer.RotateAsync(tenant, rotatedOut, overlap, cancellationToken), token => AuditDetails.Rotated(rotatedOut, overlap, token), cancellationToken);
        verifier.Invalidate(tenant);
        return issued;
    }

    public async Task RevokeTokenAsync(TenantId tenant, string tokenId, OperatorCall call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokenId);
        await RecordAsync(call, tenant, AuditActions.TokenRevoke, AuditDetails.Revoked(tokenId), async () =>
        {
            await issuer.RevokeAsync(tenant, tokenId, cancellationToken);
            return true;
        }, null, cancellationToken);
        verifier.Invalidate(tenant);
    }

    public Task<IReadOnlyList<TokenInfo>> ListTokensAsync(TenantId tenant, CancellationToken cancellationToken = default) => issuer.ListAsync(tenant, cancellationToken);

    private Task<TenantRecord> SetStatusAsync(TenantRecord tenant, TenantStatus status, string action, OperatorCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var changed = tenant with { Status = status };
        return UpdateAsync(changed, action, AuditDetails.Updated(action, changed), call, cancellationToken);
    }

    private Task<T> RecordAsync<T>(OperatorCall call, TenantId tenant, string action, string? detail, Func<Task<T>> act, Func<T, string?>? describe, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        return audit.RecordAsync(tenant, action, call.Actor, detail, call.RequestId, act, describe, cancellationToken);
    }

    private void Invalidate(TenantId tenant)
    {
        foreach (var cache in _caches)
        {
            cache.Invalidate(tenant);
        }
    }
}
