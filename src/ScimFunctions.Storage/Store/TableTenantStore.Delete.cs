using Azure;
using ScimFunctions.Storage.Changes;
using ScimFunctions.Storage.Membership;

namespace ScimFunctions.Storage.Store;

internal sealed partial class TableTenantStore
{
    /// <summary>
    /// Deletes in three steps, each safe to interrupt: (1) mark the row Deleting (conditional on its ETag; from now on a
    /// retry of DELETE finishes the job whatever If-Match it carries, and updates answer 404); (2) remove every relation
    /// in transactions that each remove both rows of a membership; (3) one transaction deleting the row (conditional on
    /// the ETag seen after step 2), its index rows, one counter shard and writing the change row. If a membership was
    /// added meanwhile, step 3 fails on the ETag (an add touches the member's row) and step 2 runs again. Readers see the
    /// resource until step 3, and never a membership of a resource that is gone. A resource without relations (most
    /// users) skips steps 1 and 2: the first read is a range query of the resource's rows limited to two, and when it
    /// finds no relation row, step 3 runs at once on the ETag it read (2 requests in all). A membership added meanwhile
    /// touched the row, so step 3 then fails on the ETag and the delete starts over at step 1, If-Match checked again.
    /// </summary>
    public Task DeleteAsync(ResourceTypeDefinition resourceType, string id, string? ifMatch, WriteContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var info = TypeInfo.For(resourceType);
        return StorageErrors.Guard(async () =>
        {
            CheckAllowed(AllowedOperations.Delete);
            var (first, alone) = await ReadForDeleteAsync(info, id, cancellationToken);
            if (alone && !Versions.Matches(ifMatch, first.ETag))
            {
                throw ScimException.PreconditionFailed("The resource has changed since the version given in If-Match.");
            }

            var row = alone ? first : await MarkDeletingAsync(info, id, ifMatch, first, cancellationToken);
            var counters = services.Counters.For(_partition, info.Segment);
            for (var attempt = 1; ; attempt++)
            {
                if (!alone)
                {
                    await RemoveRelationsAsync(info, id, cancellationToken);
                }

                var reservation = (await counters.ReserveAsync(_partition, -1, null, cancellationToken))!;
                var ops = new List<Op>
                {
                    new(new TableTransactionAction(TableTransactionActionType.Delete, _partition.NewEntity(row.RowKey), row.ETag), OpRole.Resource),
                };
                ops.AddRange(info.Unique.KeysOf(row.Document).Select(key =>
                    new Op(new TableTransactionAction(TableTransactionActionType.Delete, _partition.NewEntity(key.Value.RowKey), ETag.All), OpRole.Index, key.Key, OnMissing: OnMissing.DropAction)));
                ops.Add(reservation.Op);
                ops.Add(ChangeRows.Insert(_partition, info.Definition.Name, id, ChangeOperation.Deleted, [], context, Now, new ChangeDetails(Documents.ExternalIdOf(row.Document), [], [])));
                try
                {
                    var (submitted, responses) = await _partition.SubmitDroppingMissingAsync(ops, cancellationToken);
                    reservation.Committed(responses[submitted.ToList().IndexOf(reservation.Op)].Headers.ETag);
                    return;
                }
                catch (TransactionFailedException failure) when (attempt < StoreServices.MaxAttempts)
                {
                    reservation.Failed(invalidate: failure.Op.Role == OpRole.Counter);
                    switch (failure.Op.Role)
                    {
                        case OpRole.Resource when failure.Status == 404:
                            return; // a concurrent delete of the same resource finished first
                        case OpRole.Resource when alone:
                            alone = false; // changed meanwhile (e.g. a membership added): the full path, If-Match checked again
                            row = await MarkDeletingAsync(info, id, ifMatch, null, cancellationToken);
                            break;
                        case OpRole.Resource:
                            row = await ReadRowAsync(info, id, cancellationToken) ?? throw NotFound(info, id);
                            break;
                    }
                }
                catch
                {
                    reservation.Failed(invalidate: true);
                    throw;
                }
            }
        }, cancellationToken);
    }

    /// <summary>
    /// The resource row and whether it stands alone (no relation row, not being deleted): the first two rows of the
    /// resource's key range in one request (the resource row sorts first, its relation rows after it).
    /// </summary>
    private async Task<(ResourceRow Row, bool Alone)> ReadForDeleteAsync(TypeInfo info, string id, CancellationToken cancellationToken)
    {
        if (KeyEncoding.IsResourceId(id))
        {
            var rowKey = RowKeys.Resource(info.Segment, id);
            await foreach (var page in _partition.QueryRangePages(rowKey, RowKeys.ResourceEnd(info.Segment, id), null, 2, cancellationToken: cancellationToken))
            {
                if (page.Values.Count > 0 && page.Values[0].RowKey == rowKey && ResourceRow.From(page.Values[0]) is { } row)
                {
                    return (row, page.Values.Count == 1 && page.ContinuationToken is null && !row.Deleting);
                }

                break;
            }
        }

        throw NotFound(info, id);
    }

    /// <summary>Marks the row Deleting; <paramref name="known"/> is the row as just read (the first attempt then reads nothing).</summary>
    private async Task<ResourceRow> MarkDeletingAsync(TypeInfo info, string id, string? ifMatch, ResourceRow? known, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var row = (attempt == 1 ? known : null) ?? await ReadRowAsync(info, id, cancellationToken) ?? throw NotFound(info, id);
            if (row.Deleting)
            {
                return row; // an interrupted delete: finish it
            }

            if (!Versions.Matches(ifMatch, row.ETag))
            {
                throw ScimException.PreconditionFailed("The resource has changed since the version given in If-Match.");
            }

            try
            {
                var op = new Op(new TableTransactionAction(TableTransactionActionType.UpdateMerge, ResourceRow.MarkDeleting(_partition, info.Segment, id), row.ETag), OpRole.Resource);
                var responses = await _partition.SubmitAsync([op], cancellationToken);
                return row with { Deleting = true, ETag = responses[0].Headers.ETag ?? row.ETag };
            }
            catch (TransactionFailedException failure) when (failure.Status is 404 or 412 && attempt < StoreServices.MaxAttempts)
            {
                // Changed or deleted meanwhile: read again (404 then answers not found).
            }
        }
    }

    /// <summary>Removes every membership of the resource, both rows of each in one transaction, 33 per transaction.</summary>
    private async Task RemoveRelationsAsync(TypeInfo info, string id, CancellationToken cancellationToken)
    {
        var now = Now;
        var groups = new List<IReadOnlyList<Op>>();
        var childPrefix = RowKeys.Resource(info.Segment, id) + RowKeys.Separator;
        await foreach (var entity in _partition.QueryRange(childPrefix, RowKeys.PrefixEnd(childPrefix), select: ["RowKey", Columns.MemberType, Columns.Display], cancellationToken: cancellationToken))
        {
            if (info.IsGroup && MemberRows.AsMember(entity, id) is { } member)
            {
                groups.Add(RelationRows.Remove(_partition, id, member, now, groups.Count));
            }
            else if (MemberRows.AsMemberOf(entity, info.Segment, id) is { } groupId)
            {
                groups.Add(RelationRows.RemoveFromMemberSide(_partition, info.Segment, id, groupId, now, groups.Count));
            }
        }

        var groupsPerBatch = _partition.Capacity / 3;
        for (var start = 0; start < groups.Count; start += groupsPerBatch)
        {
            var batch = groups.Skip(start).Take(groupsPerBatch).SelectMany(g => g).ToList();
            await _partition.SubmitDroppingMissingAsync(batch, cancellationToken);
        }
    }
}
