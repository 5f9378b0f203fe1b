using System.Globalization;
using System.Security.Cryptography;
using Azure;
using ScimFunctions.Storage.Query;
using ScimFunctions.Storage.Secrets;

namespace ScimFunctions.Storage.Audit;

/// <summary>The operator actions the audit log records (the <see cref="AuditRecord.Action"/> values).</summary>
public static class AuditActions
{
    public const string TenantCreate = "tenant.create";
    public const string TenantSuspend = "tenant.suspend";
    public const string TenantResume = "tenant.resume";
    public const string TenantDelete = "tenant.delete";
    public const string TenantPolicy = "tenant.policy";
    public const string TenantSchemas = "tenant.schemas";
    public const string TenantCompatibility = "tenant.compatibility";
    public const string TenantMove = "tenant.move";
    public const string TenantMoveRollback = "tenant.move.rollback";
    public const string TokenIssue = "token.issue";
    public const string TokenRotate = "token.rotate";
    public const string TokenRevoke = "token.revoke";
    public const string WebhookAdd = "webhook.add";
    public const string WebhookRemove = "webhook.remove";
    public const string WebhookRotateSecret = "webhook.rotate-secret";
    public const string WebhookReplay = "webhook.replay";
}

/// <summary>How an audited action ended.</summary>
public static class AuditOutcomes
{
    /// <summary>Recorded before the action ran; stays so only when the process stopped before it could say how it ended.</summary>
    public const string Started = "started";
    public const string Succeeded = "succeeded";

    /// <summary>Refused or failed; followed by the HTTP status when the action answered one, e.g. <c>failed 409</c>.</summary>
    public const string Failed = "failed";
}

/// <summary>
/// One operator action on a tenant. <see cref="Actor"/> is the operator key's id (<c>operator:…</c>) or
/// <c>scimctl:&lt;OS user&gt;</c>; <see cref="Detail"/> names what changed (token ids, the new policy) and never holds
/// a token, a hash or any other secret.
/// </summary>
public sealed record AuditRecord(
    string Id,
    DateTimeOffset Timestamp,
    string Tenant,
    string Action,
    string Actor,
    string Outcome,
    string? Detail,
    string? RequestId);

/// <summary>A page of a tenant's audit log, oldest first, and the cursor to continue from.</summary>
public sealed record AuditPage(IReadOnlyList<AuditRecord> Records, string NextCursor);

/// <summary>
/// The stamp's record of operator actions, kept in the registry table under partition <c>audit|{tenant}</c>: apart
/// from the tenant's data, so it outlives the tenant (deleting a tenant deletes its data, registry row and tokens,
/// never its audit trail; a tenant created again with the same id continues the same trail).
/// Each action is written ahead (<see cref="AuditOutcomes.Started"/>) before it runs, so no action happens without a
/// record (an unreachable audit store refuses the action), then updated with its outcome.
/// </summary>
public sealed class OperatorAuditLog
{
    private const string PartitionPrefix = "audit|";
    private const string CursorScope = "audit";

    private readonly TableClient _table;
    private readonly StampSecrets _secrets;
    private readonly TimeProvider _time;
    private readonly TimeSpan _settleTime;

    internal OperatorAuditLog(TableClient table, StampSecrets secrets, TimeProvider time, TimeSpan settleTime)
    {
        _table = table;
        _secrets = secrets;
        _time = time;
        _settleTime = settleTime;
    }

    /// <summary>
    /// Records <paramref name="action"/> on <paramref name="tenant"/>, runs <paramref name="act"/> and records how it
    /// ended; the result or the failure of <paramref name="act"/> is passed on unchanged. <paramref name="describe"/>
    /// gives the detail after success (e.g. the id of an issued token); otherwise <paramref name="detail"/> stays.
    /// </summary>
    public Task<T> RecordAsync<T>(
        TenantId tenant,
        string action,
        string actor,
        string? detail,
        string? requestId,
        Func<Task<T>> act,
        Func<T, string?>? describe = null,
        CancellationToken cancellationToken = default) =>
        RecordInAsync(tenant.Value, action, actor, detail, requestId, act, describe, cancellationToken);

    /// <summary>
    /// Records an action that concerns the whole stamp, not one tenant (a stamp-wide webhook endpoint), in the stamp's
    /// own log (<see cref="StampLog"/>, read with <see cref="ReadStampAsync"/>).
    /// </summary>
    public Task<T> RecordStampAsync<T>(string action, string actor, string? detail, string? requestId, Func<Task<T>> act, CancellationToken cancellationToken = default) =>
        RecordInAsync(StampLog, action, actor, detail, requestId, act, null, cancellationToken);

    /// <summary>The stamp's own log, the one no tenant id can name (<c>*</c> is not a tenant id character).</summary>
    public const string StampLog = "*";

    private async Task<T> RecordInAsync<T>(
        string log,
        string action,
        string actor,
        string? detail,
        string? requestId,
        Func<Task<T>> act,
        Func<T, string?>? describe = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(act);
        var now = _time.GetUtcNow();
        var entity = new TableEntity(PartitionPrefix + log, now.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "|" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)))
        {
            ["Action"] = action,
            ["Actor"] = Truncate(actor),
            ["Outcome"] = AuditOutcomes.Started,
            ["Detail"] = Truncate(detail),
            ["RequestId"] = Truncate(requestId),
            ["Stamp"] = now,
        };
        await StorageErrors.Guard(() => _table.AddEntityAsync(entity, cancellationToken), cancellationToken);

        T result;
        try
        {
            result = await act();
        }
        catch (Exception ex)
        {
            await CompleteAsync(entity, ex is ScimException scim ? $"{AuditOutcomes.Failed} {scim.Status.ToString(CultureInfo.InvariantCulture)}" : AuditOutcomes.Failed, detail: null);
            throw;
        }

        await CompleteAsync(entity, AuditOutcomes.Succeeded, describe?.Invoke(result));
        return result;
    }

    /// <inheritdoc cref="RecordAsync{T}"/>
    public Task RecordAsync(TenantId tenant, string action, string actor, string? detail, string? requestId, Func<Task> act, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(act);
        return RecordAsync<bool>(tenant, action, actor, detail, requestId, async () =>
        {
            await act();
            return true;
        }, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// The tenant's audit records after <paramref name="cursor"/> (null: from the start), oldest first. A full page
    /// continues after its last record; a page that reaches the end of the log continues before its records younger
    /// than the change-feed settle time, so a follower also sees a record that was being written while it read, and
    /// the final outcome of one that was running, on its next read (an <see cref="AuditRecord.Id"/> recognises a
    /// repeat). Works for a deleted tenant too.
    /// </summary>
    public Task<AuditPage> ReadAsync(TenantId tenant, string? cursor, int maxCount, CancellationToken cancellationToken = default) =>
        ReadLogAsync(tenant.Value, cursor, maxCount, cancellationToken);

    /// <summary>The stamp's own log (<see cref="RecordStampAsync{T}"/>), as <see cref="ReadAsync"/> reads a tenant's.</summary>
    public Task<AuditPage> ReadStampAsync(string? cursor, int maxCount, CancellationToken cancellationToken = default) =>
        ReadLogAsync(StampLog, cursor, maxCount, cancellationToken);

    private Task<AuditPage> ReadLogAsync(string log, string? cursor, int maxCount, CancellationToken cancellationToken) =>
        StorageErrors.Guard(async () =>
        {
            maxCount = Math.Clamp(maxCount, 1, 1000);
            var key = await _secrets.GetCursorKeyAsync(cancellationToken);
            var now = _time.GetUtcNow();
            var after = string.IsNullOrEmpty(cursor) ? string.Empty : CursorCodec.Decode(cursor, key, log, CursorScope, now).Position;
            var settled = (now - _settleTime).UtcTicks.ToString("D19", CultureInfo.InvariantCulture);
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionPrefix + log} and RowKey gt {after}");
            var records = new List<AuditRecord>();
            var position = after;
            var settledPosition = after;
            await foreach (var entity in _table.QueryAsync<TableEntity>(filter, maxPerPage: maxCount, cancellationToken: cancellationToken))
            {
                records.Add(Read(log, entity));
                position = entity.RowKey;
                if (string.CompareOrdinal(entity.RowKey, settled) < 0)
                {
                    settledPosition = entity.RowKey;
                }

                if (records.Count == maxCount)
                {
                    break;
                }
            }

            // At the end of the log the cursor stays before what is younger than the settle time (see the summary).
            if (records.Count < maxCount)
            {
                position = settledPosition;
            }

            var next = CursorCodec.Encode(new CursorPayload(log, CursorScope, position, (now + TimeSpan.FromDays(3650)).ToUnixTimeSeconds()), key);
            return new AuditPage(records, next);
        }, cancellationToken);

    // The action already happened (or failed): its outcome is written whatever the caller's cancellation, and a
    // storage fault here leaves the record at "started" instead of hiding the action's own result.
    private async Task CompleteAsync(TableEntity started, string outcome, string? detail)
    {
        var update = new TableEntity(started.PartitionKey, started.RowKey) { ["Outcome"] = outcome };
        if (detail is not null)
        {
            update["Detail"] = Truncate(detail);
        }

        try
        {
            await _table.UpdateEntityAsync(update, ETag.All, TableUpdateMode.Merge, CancellationToken.None);
        }
        catch (Exception ex) when (ex is RequestFailedException || StorageErrors.IsUnavailable(ex, CancellationToken.None))
        {
        }
    }

    private static AuditRecord Read(string log, TableEntity entity) => new(
        entity.RowKey,
        entity.GetDateTimeOffset("Stamp") ?? DateTimeOffset.MinValue,
        log,
        entity.GetString("Action") ?? string.Empty,
        entity.GetString("Actor") ?? string.Empty,
        entity.GetString("Outcome") ?? AuditOutcomes.Started,
        entity.GetString("Detail"),
        entity.GetString("RequestId"));

    private static string? Truncate(string? value) => value is { Length: > 2048 } ? value[..2048] : value;
}
