using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using ScimFunctions.Storage.Changes;
using ScimFunctions.Storage.Consistency;

namespace ScimFunctions.Storage.Tenants;

/// <summary>
/// Moves a tenant between the pool, a silo table and a silo account while its IdP keeps provisioning
/// (docs/operations.md). The move is a state machine stored in the registry (<see cref="TenantMove"/>, row
/// <c>~move~{tenant}</c>, every step written with its ETag): each run resumes from the stored step, and every step is
/// idempotent, so a run killed anywhere is finished by running it again (or undone by <see cref="RollbackAsync"/>
/// before the switch).
/// <para>
/// The target keeps the tenant's partition key (same incarnation), so change-feed positions, cursors and webhook
/// positions stay valid; rows get new table ETags, so an If-Match with a version read before the move is a 412.
/// Writes are stopped at the source by its fence (<see cref="TenantRecord.Epoch"/>): every store transaction merges
/// the location's fence row, and the freeze deletes that row, so no process, however stale its cached registry row,
/// can commit a write there afterwards; its write is a 503 and its cache is dropped.
/// </para>
/// </summary>
public sealed class TenantMover
{
    /// <summary>Rows changed within this much before a copy started are copied again (clock skew between this process and storage).</summary>
    private static readonly TimeSpan ClockMargin = TimeSpan.FromMinutes(1);

    private const string MovePrefix = "~move~";
    private const string MoveColumn = "Move";
    private const int Parallelism = 8;

    /// <summary>Rows a key range holds when a partition is read in ranges at once (two pages of the table service).</summary>
    private const int RangeRows = 2000;

    private readonly TableStorage _storage;
    private readonly TableTenantRegistry _registry;
    private readonly TimeProvider _time;
    private readonly MoveProgressLog _progress;

    internal TenantMover(TableStorage storage, TableTenantRegistry registry, TimeProvider time)
    {
        _storage = storage;
        _registry = registry;
        _time = time;
        _progress = new MoveProgressLog(storage.TenantTable, time);
    }

    private TableClient Registry => _storage.TenantTable;

    private DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>The tenant's last move (active, completed or rolled back); null when it never moved.</summary>
    public Task<TenantMove?> GetAsync(TenantId tenant, CancellationToken cancellationToken = default) =>
        StorageErrors.Guard(async () => (await ReadAsync(tenant, cancellationToken))?.Move, cancellationToken);

    /// <summary>What the tenant's move last reported through <see cref="RecordProgress"/> (its step's rows, rate and ETA); null when nothing.</summary>
    public Task<MoveStepProgress?> GetProgressAsync(TenantId tenant, CancellationToken cancellationToken = default) =>
        StorageErrors.Guard(() => _progress.ReadAsync(tenant, cancellationToken), cancellationToken);

    /// <summary>A progress sink for <see cref="MoveAsync"/> that also keeps the latest report for <see cref="GetProgressAsync"/>.</summary>
    internal IProgress<MoveProgress> RecordProgress(TenantId tenant, IProgress<MoveProgress>? inner) => _progress.Recorder(tenant, inner);

    /// <summary>
    /// Starts a move to <paramref name="target"/>, or resumes the tenant's active move (<paramref name="target"/> null
    /// or the same), and runs it as far as it can go now: to <see cref="MoveState.SourceRetained"/> while the source's
    /// retention lasts, else to <see cref="MoveState.Completed"/>.
    /// </summary>
    public Task<TenantMove> MoveAsync(TenantId tenant, TenantLocation? target, IProgress<MoveProgress>? progress = null, CancellationToken cancellationToken = default) =>
        StorageErrors.Guard(async () =>
        {
            var stored = await ReadAsync(tenant, cancellationToken);
            if (stored is not { Move.IsActive: true })
            {
                if (target is null)
                {
                    throw ScimException.InvalidValue($"Tenant '{tenant}' has no move in progress: name the target.");
                }

                stored = await PlanAsync(tenant, target, stored?.ETag, cancellationToken);
            }
            else if (target is not null && target != stored.Value.Move.Target)
            {
                throw new ScimException(409, null, $"Tenant '{tenant}' is being moved to {stored.Value.Move.Target}: run the move again without a target to finish it, or roll it back.");
            }
            else if (stored.Value.Move.RollbackStarted is not null)
            {
                throw new ScimException(409, null, $"The move of tenant '{tenant}' is being rolled back: run the rollback again to finish it.");
            }

            return await RunAsync(stored.Value.Move, stored.Value.ETag, progress, cancellationToken);
        }, cancellationToken);

    /// <summary>Undoes a move that has not switched yet: the target's rows go, the source is writable again.</summary>
    public Task<TenantMove> RollbackAsync(TenantId tenant, CancellationToken cancellationToken = default) =>
        StorageErrors.Guard(async () =>
        {
            var stored = await ReadAsync(tenant, cancellationToken) ?? throw ScimException.NotFound($"Tenant '{tenant}' has no move to roll back.");
            if (!stored.Move.IsActive)
            {
                if (stored.Move.State == MoveState.RolledBack && await _registry.GetAsync(tenant, cancellationToken) is { } record && !SameLocation(TenantLocation.Of(record), stored.Move.Target))
                {
                    // Again: what a run that copied on after the rollback could not remove (its storage failed) goes now.
                    await new TenantDataDeleter(_storage, _time).RemoveLocationAsync(stored.Move.Target.Apply(record, null), cancellationToken);
                }

                return stored.Move;
            }

            if (!stored.Move.CanRollBack)
            {
                throw new ScimException(409, null, $"Tenant '{tenant}' has already switched to {stored.Move.Target}; move it again to go back.");
            }

            return await RollBackAsync(stored.Move, stored.ETag, null, cancellationToken);
        }, cancellationToken);

    /// <summary>Whether the tenant has a move that is not finished (its deletion waits for it).</summary>
    internal async Task<bool> IsMovingAsync(TenantId tenant, CancellationToken cancellationToken) =>
        await ReadAsync(tenant, cancellationToken) is { Move.IsActive: true };

    private async Task<(TenantMove Move, ETag ETag)> PlanAsync(TenantId id, TenantLocation target, ETag? previous, CancellationToken cancellationToken)
    {
        var tenant = await _registry.GetAsync(id, cancellationToken) ?? throw ScimException.NotFound($"No tenant has id '{id}'.");
        if (tenant.Status == TenantStatus.Deleting)
        {
            throw new ScimException(409, null, $"Tenant '{id}' is being deleted.");
        }

        var source = TenantLocation.Of(tenant);
        var moved = target.Apply(tenant, null);
        SiloTables.Validate(moved, _storage.Options);
        if (SameLocation(source, target))
        {
            throw ScimException.InvalidValue($"Tenant '{id}' is already in {target}.");
        }

        var actions = new List<TableTransactionAction>();
        string? claim = null;
        if (target.Isolation != TenantIsolation.Pool)
        {
            claim = SiloTables.ClaimRowKey(_storage.AccountOf(moved), target.TableName!);
            await _registry.ClaimForLegacyOwnerAsync(moved, claim, cancellationToken);
            var owner = await Registry.GetIfExistsAsync(TenantEntities.PartitionKey, claim, null, cancellationToken);
            if (owner is not null && !TenantEntities.IsClaimOf(owner, moved))
            {
                throw await _registry.TableTakenAsync(claim, target.TableName!, cancellationToken);
            }

            await _registry.ReachTableAsync(moved, cancellationToken);
            if (owner is null)
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.Add, TenantEntities.Claim(claim, moved)));
            }
        }

        var now = Now;
        var move = new TenantMove
        {
            Tenant = id,
            State = MoveState.Planned,
            Source = source,
            Target = target,
            SourceEpoch = tenant.Epoch ?? NewEpoch(),
            TargetEpoch = NewEpoch(),
            Started = now,
            // A tenant that had no fence gets one now; the freeze waits until every process has read it.
            FenceSettled = tenant.Epoch is null ? DateTimeOffset.MaxValue : now,
            CopiedUpTo = now,
        };
        var row = ToEntity(move);
        actions.Insert(0, previous is { } etag
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, etag)
            : new TableTransactionAction(TableTransactionActionType.Add, row));
        try
        {
            var response = await Registry.SubmitTransactionAsync(actions, cancellationToken);
            return (move, response.Value[0].Headers.ETag ?? default);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 && ex.FailedTransactionActionIndex == 0)
        {
            throw new ScimException(409, null, $"Another move of tenant '{id}' started meanwhile; run the move again without a target to follow it.");
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409 && claim is not null)
        {
            throw await _registry.TableTakenAsync(claim, target.TableName!, cancellationToken);
        }
    }

    private async Task<TenantMove> RunAsync(TenantMove move, ETag etag, IProgress<MoveProgress>? progress, CancellationToken cancellationToken)
    {
        var frozeHere = false; // this run saved step Frozen, after writing the target's fence (the freeze begins when it deletes the source's fence)
        Dictionary<string, TableEntity>? frozen = null; // the frozen source's rows, which the target holds at the switch (checked after it)
        string[]? ranges = null; // key-range boundaries of the source as this run last read it (null: read it in one go)
        Dictionary<string, TableEntity>? image = null; // the target's rows, when this run made them equal to what it read
        while (true)
        {
            var tenant = await CurrentAsync(move, cancellationToken);
            if (move.State < MoveState.Switched && (!SameLocation(TenantLocation.Of(tenant), move.Source) || (tenant.Epoch is not null && tenant.Epoch != move.SourceEpoch)))
            {
                throw new ScimException(409, null, $"Tenant '{move.Tenant}' is no longer where its move started; roll the move back.");
            }

            var source = Partition(tenant, move.Source);
            var target = Partition(tenant, move.Target);
            var current = etag; // the move row as this run last wrote it: a copy step looks again before each page it writes
            Task StillOursAsync(CancellationToken ct) => EnsureUnchangedAsync(move.Tenant, current, ct);
            string? problem = null; // why the move cannot switch (found in the freeze): this run rolls it back
            try
            {
                switch (move.State)
                {
                    case MoveState.Planned:
                        var settled = move.FenceSettled;
                        if (tenant.Epoch is null)
                        {
                            await PutFenceAsync(source, move.SourceEpoch, cancellationToken);
                            await SetEpochAsync(move.Tenant, move.SourceEpoch, null, cancellationToken);
                            settled = Now + _storage.Options.MoveFenceSettleTime;
                        }
                        else if (settled == DateTimeOffset.MaxValue)
                        {
                            settled = Now + _storage.Options.MoveFenceSettleTime; // resumed after the epoch was set: wait the whole time again
                        }

                        (move, etag) = await SaveAsync(move with { State = MoveState.Copying, FenceSettled = settled, CopiedUpTo = Now - ClockMargin }, etag, cancellationToken);
                        break;

                    case MoveState.Copying:
                        var (copied, keys) = await CopyAsync(source, target, null, MoveState.Copying, StillOursAsync, progress, cancellationToken);
                        ranges = Boundaries(keys);
                        (move, etag) = await SaveAsync(move with { State = MoveState.CatchingUp, RowsCopied = copied }, etag, cancellationToken);
                        break;

                    case MoveState.CatchingUp:
                        if (move.FenceSettled > Now)
                        {
                            await Task.Delay(move.FenceSettled - Now, _time, cancellationToken);
                        }

                        // While writes go on: the target is compared with the source row by row and made equal to it
                        // (rows the copy missed or that changed since, rows deleted since), so the freeze has little left.
                        // Then once more, reading only the source's keys and its rows written since (see
                        // ReadFrozenAsync), so the freeze finds only what was written during this shorter pass; and
                        // the target's fence is written now, so the switch does not wait for it.
                        var since = Now - ClockMargin;
                        var (caught, read) = await SyncAsync(source, target, ranges, null, since, MoveState.CatchingUp, StillOursAsync, progress, cancellationToken);
                        // The ranges taken from the first pass cover every key in both later reads.
                        ranges = Boundaries(read.Keys);
                        var again = Now - ClockMargin;
                        (var recaught, image) = await SyncAsync(source, target, ranges, read, since, MoveState.CatchingUp, StillOursAsync, progress, cancellationToken);
                        await PutFenceAsync(target, move.TargetEpoch, cancellationToken);
                        (move, etag) = await SaveAsync(move with { State = MoveState.Frozen, CopiedUpTo = again, RowsCopied = move.RowsCopied + caught + recaught, Frozen = Now }, etag, cancellationToken);
                        frozeHere = true;
                        break;

                    case MoveState.Frozen:
                    case MoveState.Verifying: // written by earlier versions (the switch followed it): the same as Frozen
                        // Writes are refused from the fence's deletion on: that is when the freeze begins (for a run
                        // resumed here it began earlier, at the latest when the step was saved).
                        var fenceDeleted = Now;
                        await DeleteRowAsync(source, TenantPartition.FenceRowKey(move.SourceEpoch), cancellationToken);
                        (problem, var synced, frozen) = await FinalSyncAsync(move, source, target, ranges, image, progress, cancellationToken);
                        if (problem is null)
                        {
                            // The target equals the frozen source: the switch follows at once (a run that stops before
                            // it resumes here and compares again, as the source is still frozen).
                            (move, etag) = await SwitchAsync(move with { RowsCopied = move.RowsCopied + synced, Frozen = frozeHere ? fenceDeleted : move.Frozen }, etag, target, frozeHere, cancellationToken);
                        }

                        break;

                    case MoveState.Switched:
                        // Writes go on at the target: the rows it held at the switch are checked now, off the freeze
                        // (a run resumed here checks the target as it is); what is found is the move's note.
                        var report = frozen is null
                            ? await ConsistencyChecker.CheckAsync(_storage, tenant, null, cancellationToken)
                            : ConsistencyChecker.Check(tenant, frozen.Values);
                        progress?.Report(new MoveProgress(MoveState.Verifying, frozen?.Count ?? 0, frozen?.Count ?? 0));
                        var note = report.IsConsistent ? null : $"The tenant's rows had {report.Problems.Count} consistency problems when they were copied{(frozen is null ? " (checked after the switch, with writes going on)" : string.Empty)} (interrupted writes finish when retried); first: {report.Problems[0]}";
                        frozen = null;
                        (move, etag) = await SaveAsync(move with { State = MoveState.SourceRetained, RetainUntil = (move.Switched ?? Now) + _storage.Options.MoveSourceRetention, Note = note }, etag, cancellationToken);
                        break;

                    case MoveState.SourceRetained:
                        if (move.RetainUntil > Now)
                        {
                            return move;
                        }

                        await new TenantDataDeleter(_storage, _time).RemoveLocationAsync(move.Source.Apply(tenant, null), cancellationToken);
                        (move, etag) = await SaveAsync(move with { State = MoveState.Completed, Finished = Now }, etag, cancellationToken);
                        break;

                    default:
                        return move;
                }
            }
            catch (Exception ex) when (move.State < MoveState.Switched && !cancellationToken.IsCancellationRequested && ex is not OperationCanceledException)
            {
                // A step failed (a storage error, the move row changed under it): when another run rolled the move
                // back meanwhile, that is the answer, and what this run wrote to the released target goes.
                if (await RolledBackElsewhereAsync(tenant, move, cancellationToken) is { } rolledBack)
                {
                    throw rolledBack;
                }

                throw;
            }

            if (problem is not null)
            {
                await RollBackAsync(move, etag, problem, cancellationToken);
                throw new ScimException(409, null, $"The move of tenant '{move.Tenant}' was rolled back: {problem}");
            }
        }
    }

    /// <summary>
    /// After a step of this run failed: whether the move was rolled back by another run (the stored move row, of this
    /// move's target epoch, is rolled back or being rolled back). Then the rows of the tenant's partition in the
    /// target, which this run may have written after the rollback removed them, are removed (only that partition,
    /// and only while the move row still says so), and the rolled-back conflict is returned; null otherwise (the
    /// step's own failure stands, also when the move row cannot be read).
    /// </summary>
    private async Task<ScimException?> RolledBackElsewhereAsync(TenantRecord tenant, TenantMove move, CancellationToken cancellationToken)
    {
        try
        {
            if (!await IsRolledBackAsync(move, cancellationToken))
            {
                return null;
            }
        }
        catch (Exception ex) when (ex is RequestFailedException || StorageErrors.Classify(ex, cancellationToken) is not null)
        {
            return null;
        }

        var detail = $"The move of tenant '{move.Tenant}' was rolled back by another run while this one was at step {move.State}";
        try
        {
            await TenantDataDeleter.EmptyPartitionAsync(Partition(tenant, move.Target), ct => IsRolledBackAsync(move, ct), cancellationToken);
        }
        catch (Exception ex) when (ex is RequestFailedException || StorageErrors.Classify(ex, cancellationToken) is not null)
        {
            return new ScimException(409, null, $"{detail}; rows this run copied may remain in {move.Target}: run the rollback again to remove them. The tenant stays in {move.Source}.", ex);
        }

        return new ScimException(409, null, $"{detail}; what it copied to {move.Target} is removed and the tenant stays in {move.Source}.");
    }

    /// <summary>Whether the stored move row is this move (same target epoch), rolled back or being rolled back.</summary>
    private async Task<bool> IsRolledBackAsync(TenantMove move, CancellationToken cancellationToken) =>
        await ReadAsync(move.Tenant, cancellationToken) is { Move: var stored }
        && stored.TargetEpoch == move.TargetEpoch
        && (stored.State == MoveState.RolledBack || stored.RollbackStarted is not null);

    /// <summary>Throws the "changed by another run" conflict when the move row is no longer as this run last wrote it (<paramref name="etag"/>).</summary>
    private async Task EnsureUnchangedAsync(TenantId tenant, ETag etag, CancellationToken cancellationToken)
    {
        if (await ReadAsync(tenant, cancellationToken) is not { } stored || stored.ETag != etag)
        {
            throw ChangedElsewhere(tenant);
        }
    }

    private static ScimException ChangedElsewhere(TenantId tenant) =>
        new(409, null, $"The move of tenant '{tenant}' was changed by another run meanwhile; run it again to follow it.");

    /// <summary>The tenant's registry row (the move's incarnation; a tenant deleted or re-created meanwhile ends the move).</summary>
    private async Task<TenantRecord> CurrentAsync(TenantMove move, CancellationToken cancellationToken)
    {
        var tenant = await _registry.GetAsync(move.Tenant, cancellationToken);
        return tenant is null || tenant.Status == TenantStatus.Deleting
            ? throw new ScimException(409, null, $"Tenant '{move.Tenant}' was deleted during its move.")
            : tenant;
    }

    /// <summary>The registry points at the target (new epoch) and the move row says so, in one transaction.</summary>
    /// <remarks>The target's fence row is written first unless <paramref name="fenced"/> (this run wrote it before the freeze).</remarks>
    private async Task<(TenantMove, ETag)> SwitchAsync(TenantMove move, ETag etag, TenantPartition target, bool fenced, CancellationToken cancellationToken)
    {
        if (!fenced)
        {
            await PutFenceAsync(target, move.TargetEpoch, cancellationToken);
        }

        for (var attempt = 1; ; attempt++)
        {
            var current = await Registry.GetIfExistsAsync(TenantEntities.PartitionKey, move.Tenant.Value, null, cancellationToken)
                ?? throw new ScimException(409, null, $"Tenant '{move.Tenant}' was deleted during its move.");
            var tenant = TenantEntities.FromEntity(current);
            var now = Now;
            var switched = move with
            {
                State = MoveState.Switched,
                Switched = now,
                FreezeMilliseconds = move.Frozen is { } frozen ? (long)(now - frozen).TotalMilliseconds : null,
            };
            var moved = move.Target.Apply(tenant, move.TargetEpoch);
            try
            {
                var response = await Registry.SubmitTransactionAsync(
                    [
                        new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(switched), etag),
                        new TableTransactionAction(TableTransactionActionType.UpdateReplace, TenantEntities.ToEntity(moved), current.ETag),
                    ], cancellationToken);
                _storage.ForgetTenant(tenant);
                return (switched, response.Value[0].Headers.ETag ?? default);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 412 && ex.FailedTransactionActionIndex == 1 && attempt < 10)
            {
                // The tenant row changed meanwhile (an operator's update): read it again.
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 404 or 412 && ex.FailedTransactionActionIndex == 0)
            {
                throw ChangedElsewhere(move.Tenant);
            }
        }
    }

    private async Task<TenantMove> RollBackAsync(TenantMove move, ETag etag, string? note, CancellationToken cancellationToken)
    {
        if (move.RollbackStarted is null)
        {
            // Recorded before anything is undone: a run still copying stops at its next look at the move row (and
            // removes what it wrote after this), a run about to switch fails on the row's ETag, and if a run saved a
            // step first, this rollback is the one refused, before it removed anything.
            (move, etag) = await SaveAsync(move with { RollbackStarted = Now }, etag, cancellationToken);
        }

        var tenant = await _registry.GetAsync(move.Tenant, cancellationToken);
        if (tenant is not null && tenant.Epoch == move.SourceEpoch)
        {
            await PutFenceAsync(Partition(tenant, move.Source), move.SourceEpoch, cancellationToken); // writable again first
        }

        if (tenant is not null)
        {
            await new TenantDataDeleter(_storage, _time).RemoveLocationAsync(move.Target.Apply(tenant, null), cancellationToken);
        }

        (move, _) = await SaveAsync(move with { State = MoveState.RolledBack, Finished = Now, Note = note }, etag, cancellationToken);
        return move;
    }

    /// <summary>Copies every row of the source (or those changed since <paramref name="since"/>) to the target; the number copied and their keys.</summary>
    /// <remarks><paramref name="stillOurs"/> runs before each page but the first is written (it throws when another run changed the move meanwhile).</remarks>
    private static async Task<(long Copied, List<string> Keys)> CopyAsync(TenantPartition source, TenantPartition target, DateTimeOffset? since, MoveState state, Func<CancellationToken, Task> stillOurs, IProgress<MoveProgress>? progress, CancellationToken cancellationToken)
    {
        var filter = since is { } from ? ChangedSinceFilter(source, from) : TableClient.CreateQueryFilter($"PartitionKey eq {source.PartitionKey}");
        long copied = 0;
        var keys = new List<string>();
        long? total = null;
        if (since is null && progress is not null)
        {
            // The keys alone first (a thousand a request), so progress can show an ETA.
            total = 0;
            await foreach (var page in source.QueryAllPages(["RowKey"], cancellationToken))
            {
                total += page.Values.Count(row => !IsFence(row));
            }

            progress?.Report(new MoveProgress(state, 0, total)); // the step's start, for its rate
        }

        await foreach (var page in source.Table.QueryAsync<TableEntity>(filter, 1000, cancellationToken: cancellationToken).AsPages())
        {
            var rows = page.Values.Where(row => !IsFence(row)).ToList();
            if (keys.Count > 0)
            {
                await stillOurs(cancellationToken);
            }

            await WriteAsync(target, rows.Select(row => Upsert(target, row)), cancellationToken);
            keys.AddRange(rows.Select(row => row.RowKey));
            copied += rows.Count;
            progress?.Report(new MoveProgress(state, copied, total is { } known ? Math.Max(known, copied) : null));
        }

        return (copied, keys);
    }

    /// <summary>
    /// Makes the target equal to the source: both are read at once (in the key <paramref name="ranges"/>, several at
    /// once) or, with <paramref name="image"/> (what the target holds, as an earlier pass of this run left it), the
    /// source only, as <see cref="ReadFrozenAsync"/> reads it from its rows written since
    /// <paramref name="changedSince"/> (before that pass read them); rows that differ are written (once <paramref name="stillOurs"/> found the move unchanged) and rows the
    /// source lacks deleted. Returns the number of rows written and
    /// the source rows read.
    /// </summary>
    private static async Task<(long Written, Dictionary<string, TableEntity> Source)> SyncAsync(TenantPartition source, TenantPartition target, string[]? ranges, Dictionary<string, TableEntity>? image, DateTimeOffset changedSince, MoveState state, Func<CancellationToken, Task> stillOurs, IProgress<MoveProgress>? progress, CancellationToken cancellationToken)
    {
        var (from, to) = image is null ? await ReadBothAsync(source, target, ranges, cancellationToken)
            : (await ReadFrozenAsync(source, ranges, image, changedSince, cancellationToken), image);
        var actions = Differences(from, to, target).ToList();
        await stillOurs(cancellationToken); // the reads took a while: not into a target another run released meanwhile
        await WriteAsync(target, actions, cancellationToken);
        progress?.Report(new MoveProgress(state, actions.Count, actions.Count));
        return (actions.Count, from);
    }

    /// <summary>
    /// The freeze's work, with the source's fence deleted: one look at the source (see <see cref="ReadFrozenAsync"/>;
    /// the target is not read when <paramref name="image"/> holds what this run made it in CatchingUp: nothing else
    /// writes to the target before the switch), the rows that still differ written, so the target equals the frozen
    /// source row by row (every write's transaction succeeded); those rows are returned, for the
    /// <see cref="ConsistencyChecker"/> to check in memory after the switch (what it finds is the source's, typically a
    /// write the freeze interrupted between two of its transactions, which the IdP's retry finishes at the target; it
    /// is recorded in the move's note, not a reason to stay, so it need not hold writes). While the target is written, the source's
    /// rows changed lately (storage Timestamp) are read once more: one that differs from what was read was written
    /// after the fence was deleted, by a process that did not carry the fence (every store transaction inserts or
    /// replaces a row); the comparison is then done again, from a full read of the source (three times at most, then
    /// the move rolls back with the reason as problem).
    /// </summary>
    private static async Task<(string? Problem, long Written, Dictionary<string, TableEntity> Frozen)> FinalSyncAsync(TenantMove move, TenantPartition source, TenantPartition target, string[]? ranges, Dictionary<string, TableEntity>? image, IProgress<MoveProgress>? progress, CancellationToken cancellationToken)
    {
        long written = 0;
        var since = (move.Frozen ?? move.CopiedUpTo) - ClockMargin;
        for (var attempt = 1; ; attempt++)
        {
            var (from, to) = image is null ? await ReadBothAsync(source, target, ranges, cancellationToken)
                : attempt == 1 ? (await ReadFrozenAsync(source, ranges, image, move.CopiedUpTo, cancellationToken), image)
                : (await ReadAllAsync(source, ranges, null, cancellationToken), image);
            var actions = Differences(from, to, target).ToList();

            // The target's writes and the look for late writes at the source go at once (both come after the read).
            var checking = ChangedSinceAsync(source, since, from, cancellationToken);
            await Task.WhenAll(WriteAsync(target, actions, cancellationToken), checking);
            var late = await checking;
            progress?.Report(new MoveProgress(MoveState.Frozen, actions.Count, actions.Count));
            written += actions.Count;
            image = from; // the target now holds these rows
            if (late == 0)
            {
                return (null, written, from);
            }

            if (attempt == 3)
            {
                return ($"{late} rows of the source changed after its writes were frozen, after copying them again.", written, from);
            }
        }
    }

    /// <summary>
    /// The frozen source's rows, read without reading them all: its keys with their ETags (in the key
    /// <paramref name="ranges"/>, several at once) and, at the same time, its rows with a storage Timestamp at or after
    /// <paramref name="changedSince"/> (when the catch-up's read began, less the clock margin). A row whose ETag is the
    /// one in <paramref name="image"/> (the rows the catch-up read, which the target holds) is that row unchanged;
    /// one with another ETag (or not in the image) was written after the catch-up read it, so after
    /// <paramref name="changedSince"/>, and the second query holds it; a row of the image whose key is gone was
    /// deleted. The result is every row of the source in full, as a full read would give it. When the two queries
    /// disagree (a row with a new ETag that the second one lacks: a clock off by more than the margin, or a write
    /// between them), the source is read in full instead.
    /// </summary>
    private static async Task<Dictionary<string, TableEntity>> ReadFrozenAsync(TenantPartition source, string[]? ranges, Dictionary<string, TableEntity> image, DateTimeOffset changedSince, CancellationToken cancellationToken)
    {
        var reading = ReadAllAsync(source, ranges, ["RowKey"], cancellationToken);
        var changed = await ReadChangedSinceAsync(source, changedSince, null, cancellationToken);
        var keys = await reading;
        var rows = new Dictionary<string, TableEntity>(keys.Count, StringComparer.Ordinal);
        foreach (var (rowKey, key) in keys)
        {
            if (image.TryGetValue(rowKey, out var known) && known.ETag == key.ETag)
            {
                rows[rowKey] = known;
            }
            else if (changed.TryGetValue(rowKey, out var row) && row.ETag == key.ETag)
            {
                rows[rowKey] = row;
            }
            else
            {
                return await ReadAllAsync(source, ranges, null, cancellationToken);
            }
        }

        return rows;
    }

    /// <summary>The rows of the partition with a storage Timestamp at or after <paramref name="since"/>.</summary>
    private static string ChangedSinceFilter(TenantPartition source, DateTimeOffset since) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {source.PartitionKey} and Timestamp ge {since}");

    /// <summary>
    /// The source's rows (fence rows aside) with a storage Timestamp at or after <paramref name="since"/>; with
    /// <paramref name="select"/>, only those columns (the row's ETag always comes with it).
    /// </summary>
    private static async Task<Dictionary<string, TableEntity>> ReadChangedSinceAsync(TenantPartition source, DateTimeOffset since, IEnumerable<string>? select, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        await foreach (var row in source.Table.QueryAsync<TableEntity>(ChangedSinceFilter(source, since), 1000, select, cancellationToken))
        {
            if (!IsFence(row))
            {
                rows[row.RowKey] = row;
            }
        }

        return rows;
    }

    /// <summary>
    /// How many of the source's rows with a storage Timestamp at or after <paramref name="since"/> are not in
    /// <paramref name="copied"/> with the same ETag (the table service gives a row a new ETag at each write): their
    /// keys and ETags only are read.
    /// </summary>
    private static async Task<int> ChangedSinceAsync(TenantPartition source, DateTimeOffset since, Dictionary<string, TableEntity> copied, CancellationToken cancellationToken) =>
        (await ReadChangedSinceAsync(source, since, ["RowKey"], cancellationToken)).Values
            .Count(row => !copied.TryGetValue(row.RowKey, out var copy) || copy.ETag != row.ETag);

    private static async Task<(Dictionary<string, TableEntity> Source, Dictionary<string, TableEntity> Target)> ReadBothAsync(TenantPartition source, TenantPartition target, string[]? ranges, CancellationToken cancellationToken)
    {
        var rows = await Task.WhenAll(ReadAllAsync(source, ranges, null, cancellationToken), ReadAllAsync(target, ranges, null, cancellationToken));
        return (rows[0], rows[1]);
    }

    /// <summary>
    /// Every row of the partition (fence rows aside): with <paramref name="ranges"/>, the key ranges they bound are read
    /// at once (together they cover every key, whatever was written since the boundaries were taken), each a query of its
    /// own, so reading the partition takes about as long as reading one range rather than one page after another.
    /// With <paramref name="select"/>, only those columns are read (the row's ETag always comes with it).
    /// </summary>
    private static async Task<Dictionary<string, TableEntity>> ReadAllAsync(TenantPartition partition, string[]? ranges, IEnumerable<string>? select, CancellationToken cancellationToken)
    {
        var bounds = new List<(string? From, string? To)>();
        string? from = null;
        foreach (var boundary in ranges ?? [])
        {
            bounds.Add((from, boundary));
            from = boundary;
        }

        bounds.Add((from, null));
        var parts = new Dictionary<string, TableEntity>[bounds.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, bounds.Count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var (lower, upper) = bounds[i];
            var filter = (lower, upper) switch
            {
                (null, null) => TableClient.CreateQueryFilter($"PartitionKey eq {partition.PartitionKey}"),
                (null, { } to) => TableClient.CreateQueryFilter($"PartitionKey eq {partition.PartitionKey} and RowKey lt {to}"),
                ({ } fromKey, null) => TableClient.CreateQueryFilter($"PartitionKey eq {partition.PartitionKey} and RowKey ge {fromKey}"),
                ({ } fromKey, { } to) => TableClient.CreateQueryFilter($"PartitionKey eq {partition.PartitionKey} and RowKey ge {fromKey} and RowKey lt {to}"),
            };
            var part = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
            await foreach (var row in partition.Table.QueryAsync<TableEntity>(filter, 1000, select, ct))
            {
                if (!IsFence(row))
                {
                    part[row.RowKey] = row;
                }
            }

            parts[i] = part;
        });

        if (parts.Length == 1)
        {
            return parts[0];
        }

        var rows = new Dictionary<string, TableEntity>(parts.Sum(part => part.Count), StringComparer.Ordinal);
        foreach (var (rowKey, row) in parts.SelectMany(part => part))
        {
            rows[rowKey] = row;
        }

        return rows;
    }

    /// <summary>Every <see cref="RangeRows"/>-th of the keys, in order: the boundaries of ranges of about that many rows.</summary>
    private static string[] Boundaries(IEnumerable<string> keys)
    {
        var sorted = keys.Order(StringComparer.Ordinal).ToList();
        return [.. Enumerable.Range(1, Math.Max(0, (sorted.Count - 1) / RangeRows)).Select(i => sorted[i * RangeRows])];
    }

    /// <summary>The writes that make <paramref name="to"/> equal to <paramref name="from"/> (fence rows aside).</summary>
    private static IEnumerable<TableTransactionAction> Differences(Dictionary<string, TableEntity> from, Dictionary<string, TableEntity> to, TenantPartition target)
    {
        foreach (var (rowKey, row) in from)
        {
            if (!to.TryGetValue(rowKey, out var copy) || !SameColumns(row, copy))
            {
                yield return Upsert(target, row);
            }
        }

        foreach (var rowKey in to.Keys.Where(key => !from.ContainsKey(key)))
        {
            yield return new TableTransactionAction(TableTransactionActionType.Delete, target.NewEntity(rowKey), ETag.All);
        }
    }

    /// <summary>Whether two rows hold the same columns with the same values and types (keys, ETag and Timestamp aside).</summary>
    internal static bool SameColumns(TableEntity a, TableEntity b)
    {
        var columns = a.Keys.Where(IsDataColumn).ToList();
        if (columns.Count != b.Keys.Count(IsDataColumn))
        {
            return false;
        }

        foreach (var column in columns)
        {
            if (!b.TryGetValue(column, out var other))
            {
                return false;
            }

            var value = a[column];
            var same = value is byte[] bytes ? other is byte[] otherBytes && bytes.AsSpan().SequenceEqual(otherBytes) : Equals(value, other);
            if (!same)
            {
                return false;
            }
        }

        return true;
    }

    // Committed is the original commit time of a copied change row (ChangeRows.Read): set by the copy, not compared.
    private static bool IsDataColumn(string column) =>
        column is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag" or Columns.Committed);

    private static TableTransactionAction Upsert(TenantPartition target, TableEntity row)
    {
        var copy = target.NewEntity(row.RowKey);
        foreach (var (column, value) in row)
        {
            if (IsDataColumn(column))
            {
                copy[column] = value;
            }
        }

        if (row.GetString(Columns.Kind) == RowKinds.Change)
        {
            copy[Columns.Committed] = ChangeRows.CommittedAt(row);
        }

        return new TableTransactionAction(TableTransactionActionType.UpsertReplace, copy);
    }

    /// <summary>Submits the actions in transactions of up to 100, several at once (upserts and deletes of distinct rows: order does not matter).</summary>
    private static async Task WriteAsync(TenantPartition target, IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken) =>
        await Parallel.ForEachAsync(actions.Chunk(TenantPartition.MaxBatch), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (chunk, ct) =>
        {
            try
            {
                await target.Table.SubmitTransactionAsync(chunk, ct);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 404 && chunk.Any(action => action.ActionType == TableTransactionActionType.Delete))
            {
                // A row to delete is gone already (an earlier run): write the rest one by one.
                foreach (var action in chunk)
                {
                    await (action.ActionType == TableTransactionActionType.Delete
                        ? target.Table.DeleteEntityAsync(action.Entity.PartitionKey, action.Entity.RowKey, ETag.All, ct)
                        : target.Table.UpsertEntityAsync(action.Entity, TableUpdateMode.Replace, ct));
                }
            }
        });

    private static bool IsFence(TableEntity row) => row.RowKey.StartsWith(TenantPartition.FencePrefix, StringComparison.Ordinal);

    private static async Task PutFenceAsync(TenantPartition partition, string epoch, CancellationToken cancellationToken) =>
        await partition.Table.UpsertEntityAsync(TenantPartition.FenceRow(partition.PartitionKey, epoch), TableUpdateMode.Replace, cancellationToken);

    private static async Task DeleteRowAsync(TenantPartition partition, string rowKey, CancellationToken cancellationToken) =>
        await partition.Table.DeleteEntityAsync(partition.PartitionKey, rowKey, ETag.All, cancellationToken); // a 404 (deleted by an earlier run) is not an error for DeleteEntity

    /// <summary>Gives a tenant that has none its location epoch (its fence row exists already), with the row's ETag.</summary>
    private async Task SetEpochAsync(TenantId id, string epoch, string? expected, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await Registry.GetIfExistsAsync(TenantEntities.PartitionKey, id.Value, null, cancellationToken)
                ?? throw new ScimException(409, null, $"Tenant '{id}' was deleted during its move.");
            var tenant = TenantEntities.FromEntity(current);
            if (tenant.Epoch == epoch)
            {
                return;
            }

            if (tenant.Epoch != expected)
            {
                throw new ScimException(409, null, $"Tenant '{id}' changed location meanwhile; run the move again.");
            }

            try
            {
                await Registry.UpdateEntityAsync(TenantEntities.ToEntity(tenant with { Epoch = epoch }), current.ETag, TableUpdateMode.Replace, cancellationToken);
                _storage.ForgetTenant(tenant);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status == 412 && attempt < 10)
            {
                // Changed meanwhile: read again.
            }
        }
    }

    private TenantPartition Partition(TenantRecord tenant, TenantLocation location) =>
        new(_storage.TableFor(location.Apply(tenant, null)), tenant);

    private static bool SameLocation(TenantLocation a, TenantLocation b) =>
        a.Isolation == b.Isolation
        && string.Equals(a.TableName, b.TableName, StringComparison.OrdinalIgnoreCase)
        && (a.Isolation != TenantIsolation.SiloAccount || TableStorage.AccountName(a.StorageEndpoint!) == TableStorage.AccountName(b.StorageEndpoint!));

    private async Task<(TenantMove Move, ETag ETag)?> ReadAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var row = await Registry.GetIfExistsAsync(TenantEntities.PartitionKey, MovePrefix + tenant.Value, null, cancellationToken);
        if (row is null)
        {
            return null;
        }

        var move = JsonSerializer.Deserialize<TenantMove>(row.GetString(MoveColumn) ?? "null", TenantMoveJson.Options)
            ?? throw new FormatException($"The registry row '{row.RowKey}' is malformed.");
        return (move with { Tenant = tenant }, row.ETag);
    }

    private async Task<(TenantMove, ETag)> SaveAsync(TenantMove move, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            var response = await Registry.UpdateEntityAsync(ToEntity(move), etag, TableUpdateMode.Replace, cancellationToken);
            return (move, response.Headers.ETag ?? default);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            throw ChangedElsewhere(move.Tenant);
        }
    }

    private static TableEntity ToEntity(TenantMove move) => new(TenantEntities.PartitionKey, MovePrefix + move.Tenant.Value)
    {
        [MoveColumn] = JsonSerializer.Serialize(move, TenantMoveJson.Options),
        ["State"] = move.State.ToString(),
    };


    private static string NewEpoch() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}
