using ScimFunctions.Core.Resources;
using ScimFunctions.Storage.Changes;
using ScimFunctions.Storage.Membership;

namespace ScimFunctions.Storage.Store;

internal sealed partial class TableTenantStore
{
    public Task<StoredResource> CreateAsync(ResourceTypeDefinition resourceType, JsonObject resource, WriteContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(context);
        var info = TypeInfo.For(resourceType);
        return StorageErrors.Guard(async () =>
        {
            CheckAllowed(AllowedOperations.Create);
            var now = Now;
            var id = KeyEncoding.NewResourceId();
            var document = (JsonObject)resource.DeepClone();
            var secrets = NeverReturnedValues.Strip(document, info.Definition);
            var members = info.IsGroup ? Documents.TakeMembers(document, id) : [];
            document.Remove(TypeInfo.GroupsAttribute);
            document["id"] = id;
            document["meta"] = new JsonObject
            {
                ["resourceType"] = info.Definition.Name,
                ["created"] = Timestamp(now),
                ["lastModified"] = Timestamp(now),
            };
            var changed = document.Select(p => p.Key).Where(k => k is not ("id" or "meta" or "schemas")).Concat(secrets).ToList();
            if (members.Count > 0)
            {
                changed.Add(TypeInfo.MembersAttribute);
            }

            var counters = services.Counters.For(_partition, info.Segment);
            var relations = new Dictionary<string, Relation>(StringComparer.Ordinal);
            foreach (var member in members)
            {
                relations[member.MemberId] = member;
            }

            for (var attempt = 1; ; attempt++)
            {
                var reservation = await counters.ReserveAsync(_partition, +1, QuotaFor(info), cancellationToken)
                    ?? throw ScimException.BadRequest($"The tenant's quota of {QuotaFor(info)} {info.Definition.Name} resources is reached.");

                var fixedOps = new List<Op>
                {
                    new(new TableTransactionAction(TableTransactionActionType.Add, ResourceRow.ToEntity(_partition, info.Segment, id, document, members.Count > 0 ? now : null)), OpRole.Resource),
                };
                fixedOps.AddRange(IndexInserts(id, info.Unique.KeysOf(document)));
                fixedOps.Add(reservation.Op);
                fixedOps.Add(ChangeRows.Insert(_partition, info.Definition.Name, id, ChangeOperation.Created, changed, context, now, ChangeDetails.Members(relations.Keys, [])));
                var groups = relations.Values.Select((r, i) => RelationRows.Add(_partition, id, r, now, i)).ToList();
                try
                {
                    var etag = await WriteExecutor.ExecuteAsync(
                        _partition, RowKeys.Resource(info.Segment, id), info.Segment, id, fixedOps, groups, reservation,
                        (failure, ct) => FixAddedMemberAsync(id, relations, failure, now, ct), now, cancellationToken);
                    // The document is this call's own copy and is written: it becomes the result as it is.
                    if (relations.Count > 0)
                    {
                        document[TypeInfo.MembersAttribute] = MemberRows.MembersJson(relations.Values);
                    }

                    return Materialize(info, new ResourceRow(info.Segment, id, document, etag, false, null), null, null, adoptDocument: true);
                }
                catch (TransactionFailedException failure) when (failure.Op.Role == OpRole.Index && failure.Status == 409)
                {
                    throw Uniqueness(info, failure);
                }
                catch (TransactionFailedException failure) when (failure.Op.Role is OpRole.Counter or OpRole.Change or OpRole.Resource && attempt < StoreServices.MaxAttempts)
                {
                    // A counter conflict dropped the cached shards; the next reservation reads them again.
                }
            }
        }, cancellationToken);
    }

    /// <summary>Index rows for a new resource's <paramref name="keys"/> (or for those whose value changed from <paramref name="existing"/>).</summary>
    private IEnumerable<Op> IndexInserts(string id, IReadOnlyDictionary<string, (string RowKey, string Value)> keys, IReadOnlyDictionary<string, (string RowKey, string Value)>? existing = null)
    {
        foreach (var (attribute, (rowKey, _)) in keys)
        {
            if (existing is not null && existing.TryGetValue(attribute, out var old) && old.RowKey == rowKey)
            {
                continue;
            }

            var entity = _partition.NewEntity(rowKey);
            entity[Columns.Kind] = RowKinds.Index;
            entity[Columns.TargetId] = id;
            yield return new Op(new TableTransactionAction(TableTransactionActionType.Add, entity), OpRole.Index, attribute);
        }
    }

    /// <summary>Index rows a replacement no longer owns.</summary>
    private IEnumerable<Op> IndexDeletes(IReadOnlyDictionary<string, (string RowKey, string Value)> before, IReadOnlyDictionary<string, (string RowKey, string Value)> after)
    {
        foreach (var (attribute, (rowKey, _)) in before)
        {
            if (after.TryGetValue(attribute, out var now) && now.RowKey == rowKey)
            {
                continue;
            }

            yield return new Op(new TableTransactionAction(TableTransactionActionType.Delete, _partition.NewEntity(rowKey), Azure.ETag.All), OpRole.Index, attribute, OnMissing: OnMissing.DropAction);
        }
    }

    /// <summary>
    /// An added member's resource row was missing: ids are unique across resource types (RFC 7643 §3.1), so the member
    /// is looked up as the other type — a guessed "User" may be a Group, and a stated type may be wrong (scim2-tester
    /// sends <c>"type":"Group"</c> with a user's id). A member found so is stored with the type it really has; otherwise
    /// it does not exist in this tenant (400 invalidValue, nothing written by this transaction).
    /// </summary>
    private async Task<IReadOnlyList<Op>> FixAddedMemberAsync(string groupId, Dictionary<string, Relation> relations, TransactionFailedException failure, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var memberId = failure.Op.Tag!;
        if (relations.TryGetValue(memberId, out var relation) && KeyEncoding.IsResourceId(memberId))
        {
            var actualType = relation.MemberType == Relation.Group ? Relation.User : Relation.Group;
            var fixedRelation = relation with { MemberType = actualType, TypeGuessed = false };
            if (await _partition.GetAsync(RowKeys.Resource(fixedRelation.TypeSegment, memberId), cancellationToken) is not null)
            {
                relations[memberId] = fixedRelation;
                return RelationRows.Add(_partition, groupId, fixedRelation, now, failure.Op.Group);
            }
        }

        throw ScimException.InvalidValue($"Member '{memberId}' does not exist.");
    }
}
