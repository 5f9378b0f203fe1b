using Azure;
using Azure.Data.Tables;
using ScimFunctions.Core.Errors;
using ScimFunctions.Core.Schemas;
using ScimFunctions.Storage.Abstractions;
using ScimFunctions.Storage.Changes;
using ScimFunctions.Storage.Keys;
using ScimFunctions.Storage.Membership;
using ScimFunctions.Storage.Resources;
using ScimFunctions.Storage.Tables;
using ScimFunctions.Storage.Tenants;

namespace ScimFunctions.Storage.Store;

internal sealed partial class TableTenantStore
{
    /// <summary>
    /// Deletes in three steps, each safe to interrupt: (1) mark the row Deleting (conditional on its ETag; from now on a
    /// retry of DELETE finishes the job whatever If-Match it carries, and updates answer 404); (2) remove every relation
    /// in transactions that each remove both rows of a membership; (3) one transaction deleting the row (conditional on
    /// the ETag seen after step 2), its index rows, one counter shard and writing the change row. If a membership was
    /// added meanwhile, step 3 fails on the ETag (an add touches the member's row) and step 2 runs again. Readers see the
    /// resource until step 3, and never a membership of a resource that is gone.
    /// </summary>
    public Task DeleteAsync(ResourceTypeDefinition resourceType, string id, string? ifMatch, WriteContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var info = TypeInfo.For(resourceType);
        return StorageErrors.Guard(async () =>
        {
            CheckAllowed(AllowedOperations.Delete);
            var row = await MarkDeletingAsync(info, id, ifMatch, cancellationToken);
            var counters = _services.Counters.For(_partition, info.Segment);
            for (var attempt = 1; ; attempt++)
            {
                await RemoveRelationsAsync(info, id, cancellationToken);
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
                catch (BatchFailure failure) when (attempt < StoreServices.MaxAttempts)
                {
                    reservation.Failed(invalidate: failure.Op.Role == OpRole.Counter);
                    switch (failure.Op.Role)
                    {
                        case OpRole.Resource when failure.Status == 404:
                            return; // a concurrent delete of the same resource finished first
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

    private async Task<ResourceRow> MarkDeletingAsync(TypeInfo info, string id, string? ifMatch, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var row = await ReadRowAsync(info, id, cancellationToken) ?? throw NotFound(info, id);
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
            catch (BatchFailure failure) when (failure.Status is 404 or 412 && attempt < StoreServices.MaxAttempts)
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
