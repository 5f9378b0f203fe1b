using Azure;
using ScimFunctions.Storage.Counters;

namespace ScimFunctions.Storage.Store;

/// <summary>
/// Writes a resource change as entity-group transactions: the first holds the resource row, its index rows, the
/// counter shard and the change row, plus as many relation groups (3 actions each) as fit; when a member list needs more,
/// further transactions each carry up to 33 relation groups and a touch of the resource row. A relation group is never
/// split, so the rows of a membership always agree; a retry of the same request computes what is still missing.
/// </summary>
internal static class WriteExecutor
{
    /// <summary>Replaces a relation group that failed on a missing row (e.g. a member whose type was guessed).</summary>
    public delegate Task<IReadOnlyList<Op>> RelationFix(TransactionFailedException failure, CancellationToken cancellationToken);

    public static async Task<ETag> ExecuteAsync(
        TenantPartition partition,
        string resourceRowKey,
        string resourceType,
        string resourceId,
        IReadOnlyList<Op> fixedOps,
        IReadOnlyList<IReadOnlyList<Op>> relationGroups,
        CounterReservation? reservation,
        RelationFix fix,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var pending = new Queue<IReadOnlyList<Op>>(relationGroups);
        var first = fixedOps.ToList();
        Fill(first, pending, partition.Capacity);
        ETag etag;
        try
        {
            // All or nothing within the request's budget: refused here, before the first transaction, when it cannot
            // finish (the existence check below takes at least one more request; its reads are charged as they go).
            Limits.RequestBudget.Current?.Reserve(1 + TransactionsFor(pending, partition.Capacity) + (pending.Count > 0 ? 1 : 0), "writing the change");
            if (pending.Count > 0)
            {
                pending = await VerifySpilledAddsAsync(partition, pending, fix, cancellationToken);
            }

            (etag, var counterETag) = await SubmitWithFixesAsync(partition, first, resourceRowKey, reservation?.Op, fix, cancellationToken);
            reservation?.Committed(counterETag);
        }
        catch (TransactionFailedException failure)
        {
            reservation?.Failed(invalidate: failure.Op.Role == OpRole.Counter);
            throw;
        }
        catch
        {
            reservation?.Failed(invalidate: true);
            throw;
        }

        while (pending.Count > 0)
        {
            var batch = new List<Op>
            {
                new(new Azure.Data.Tables.TableTransactionAction(Azure.Data.Tables.TableTransactionActionType.UpdateMerge, ResourceRow.Touch(partition, resourceType, resourceId, now), ETag.All), OpRole.Resource),
            };
            Fill(batch, pending, partition.Capacity);
            (etag, _) = await SubmitWithFixesAsync(partition, batch, resourceRowKey, null, fix, cancellationToken);
        }

        return etag;
    }

    /// <summary>
    /// The relation groups that go into the transactions after the first one would commit after the resource row and
    /// its change row: a member there that does not exist would fail the request with part of the change written. So
    /// before the first transaction every member those groups add is looked up (<see cref="TenantPartition.ExistingResourceRowsAsync"/>);
    /// a missing one goes through <paramref name="fix"/> as if its transaction had failed on it, which corrects a wrong
    /// member type or refuses the request (400) while nothing is written yet. What remains is a member
    /// deleted by another request between this check and its transaction.
    /// </summary>
    private static async Task<Queue<IReadOnlyList<Op>>> VerifySpilledAddsAsync(TenantPartition partition, Queue<IReadOnlyList<Op>> pending, RelationFix fix, CancellationToken cancellationToken)
    {
        static Op? AddedTarget(IReadOnlyList<Op> group) => group.FirstOrDefault(op => op.Role == OpRole.RelationTarget && op.OnMissing == OnMissing.Fail);

        var groups = pending.ToList();
        var targets = groups.Select(AddedTarget).OfType<Op>().ToList();
        if (targets.Count == 0)
        {
            return pending;
        }

        var existing = await partition.ExistingResourceRowsAsync(targets.Select(op => op.RowKey), cancellationToken);
        for (var i = 0; i < groups.Count; i++)
        {
            if (AddedTarget(groups[i]) is { } target && !existing.Contains(target.RowKey))
            {
                groups[i] = await fix(new TransactionFailedException(404, target, new KeyNotFoundException($"{target.RowKey} does not exist.")), cancellationToken);
            }
        }

        return new Queue<IReadOnlyList<Op>>(groups.Where(group => group.Count > 0));
    }

    /// <summary>How many further transactions (a touch of the resource row plus relation groups) the pending groups take.</summary>
    private static int TransactionsFor(IEnumerable<IReadOnlyList<Op>> pending, int capacity)
    {
        var transactions = 0;
        var size = capacity;
        foreach (var group in pending)
        {
            if (size + group.Count > capacity)
            {
                transactions++;
                size = 1;
            }

            size += group.Count;
        }

        return transactions;
    }

    private static void Fill(List<Op> batch, Queue<IReadOnlyList<Op>> pending, int capacity)
    {
        while (pending.TryPeek(out var next) && batch.Count + next.Count <= capacity)
        {
            batch.AddRange(pending.Dequeue());
        }
    }

    private static async Task<(ETag Resource, ETag? Counter)> SubmitWithFixesAsync(TenantPartition partition, List<Op> batch, string resourceRowKey, Op? counterOp, RelationFix fix, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var (ops, responses) = await partition.SubmitDroppingMissingAsync(batch, cancellationToken);
                ETag resource = default;
                ETag? counter = null;
                for (var i = 0; i < ops.Count; i++)
                {
                    if (ops[i].Role == OpRole.Resource && ops[i].RowKey == resourceRowKey && ops[i].Action.ActionType != Azure.Data.Tables.TableTransactionActionType.Delete)
                    {
                        resource = responses[i].Headers.ETag ?? default;
                    }
                    else if (ReferenceEquals(ops[i], counterOp))
                    {
                        counter = responses[i].Headers.ETag;
                    }
                }

                return (resource, counter);
            }
            catch (TransactionFailedException failure) when (failure.Status == 404 && failure.Op.Group >= 0 && failure.Op.Role is OpRole.RelationTarget or OpRole.RelationCounterpart && attempt < TenantPartition.MaxBatch)
            {
                var replacement = await fix(failure, cancellationToken);
                var group = failure.Op.Group;
                var index = batch.FindIndex(op => op.Group == group);
                batch.RemoveAll(op => op.Group == group);
                batch.InsertRange(Math.Max(0, index), replacement);
            }
        }
    }
}
