using System.Globalization;
using ScimFunctions.Core.Resources;
using ScimFunctions.Storage.Changes;
using ScimFunctions.Storage.Membership;

namespace ScimFunctions.Storage.Store;

/// <summary>
/// The SCIM resources of one tenant in one table partition. Every method works inside <see cref="TenantPartition"/>,
/// so nothing outside the tenant's partition can be named. The operations live in the partial files next to this one.
/// </summary>
internal sealed partial class TableTenantStore(StoreServices services, TableClient table, TenantRecord tenant) : ITenantScimStore
{
    private readonly TenantPartition _partition = new(table, tenant, fenced: true, services.Fenced);

    public TenantId Tenant => tenant.Id;

    internal TenantPartition Partition => _partition;

    private DateTimeOffset Now => services.Time.GetUtcNow();

    public Task<StoredResource?> GetAsync(ResourceTypeDefinition resourceType, string id, AttributeSelection selection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var info = TypeInfo.For(resourceType);
        return StorageErrors.Guard(async () =>
        {
            CheckAllowed(AllowedOperations.Read);
            if (!KeyEncoding.IsResourceId(id))
            {
                return null;
            }

            if (info.RelationAttribute is { } relation && selection.Includes(relation))
            {
                var loaded = await ReadWithRelationsAsync(info, id, cancellationToken);
                return loaded is null ? null : Materialize(info, loaded.Value.Row, loaded.Value.Members, loaded.Value.Groups, adoptDocument: true);
            }

            var row = await ReadRowAsync(info, id, cancellationToken);
            return row is null ? null : Materialize(info, row, null, null, adoptDocument: true);
        }, cancellationToken);
    }

    public Task<long> CountAsync(ResourceTypeDefinition resourceType, CancellationToken cancellationToken = default)
    {
        var info = TypeInfo.For(resourceType);
        return StorageErrors.Guard(() => services.Counters.For(_partition, info.Segment).RefreshAsync(_partition, cancellationToken), cancellationToken);
    }

    public Task<ChangePage> ReadChangesAsync(string? cursor, int maxCount, CancellationToken cancellationToken = default) =>
        StorageErrors.Guard(async () =>
        {
            var key = await services.Secrets.GetCursorKeyAsync(cancellationToken);
            const string scope = "changes";
            var after = string.IsNullOrEmpty(cursor)
                ? RowKeys.ChangePrefix
                : Query.CursorCodec.Decode(cursor, key, _partition.PartitionKey, scope, Now).Position;
            var changes = await ReadChangesAfterAsync(after, maxCount, cancellationToken);
            var last = changes.Count > 0 ? changes[^1].Position : after;
            var next = Query.CursorCodec.Encode(new Query.CursorPayload(_partition.PartitionKey, scope, last, (Now + TimeSpan.FromDays(3650)).ToUnixTimeSeconds()), key);
            return new ChangePage(changes, next);
        }, cancellationToken);

    public Task<IReadOnlyList<ChangeRecord>> ReadChangesAfterAsync(string? position, int maxCount, CancellationToken cancellationToken = default) =>
        StorageErrors.Guard<IReadOnlyList<ChangeRecord>>(async () =>
        {
            maxCount = Math.Clamp(maxCount, 1, 1000);
            var after = string.IsNullOrEmpty(position) ? RowKeys.ChangePrefix : position;
            if (!after.StartsWith(RowKeys.ChangePrefix, StringComparison.Ordinal))
            {
                throw new ScimException(400, ScimType.InvalidCursor, "The cursor is not valid for this query.");
            }

            var settled = RowKeys.Change((Now - services.Options.ChangeFeedSettleTime).UtcTicks, string.Empty);
            var changes = new List<ChangeRecord>();
            await foreach (var page in _partition.QueryAfterPages(after, settled, RowKinds.Change, maxCount, cancellationToken))
            {
                foreach (var entity in page.Values)
                {
                    if (changes.Count == maxCount)
                    {
                        break;
                    }

                    changes.Add(ChangeRows.Read(entity, LateAfter));
                }

                if (changes.Count == maxCount || page.ContinuationToken is null)
                {
                    break;
                }
            }

            return changes;
        }, cancellationToken);

    public Task<IReadOnlyList<ChangeRecord>> ReadLateChangesAsync(string after, string upTo, int maxCount, CancellationToken cancellationToken = default) =>
        StorageErrors.Guard<IReadOnlyList<ChangeRecord>>(async () =>
        {
            ArgumentNullException.ThrowIfNull(after);
            ArgumentNullException.ThrowIfNull(upTo);
            maxCount = Math.Clamp(maxCount, 1, 1000);
            var late = new List<ChangeRecord>();
            await foreach (var page in _partition.QueryAfterPages(after, upTo + "\u0000", RowKinds.Change, 1000, cancellationToken))
            {
                late.AddRange(page.Values.Select(entity => ChangeRows.Read(entity, LateAfter)).Where(change => change.CommittedLate).Take(maxCount - late.Count));
                if (late.Count == maxCount || page.ContinuationToken is null)
                {
                    break;
                }
            }

            return late;
        }, cancellationToken);

    // Half the settle time: a row committed within it was visible to any reader whose clock was within the other half.
    private TimeSpan LateAfter => services.Options.ChangeFeedSettleTime / 2;

    public Task<int> TrimChangesAsync(DateTimeOffset olderThan, int maxCount, CancellationToken cancellationToken = default) =>
        StorageErrors.Guard(async () =>
        {
            var end = RowKeys.Change(olderThan.UtcTicks, string.Empty);
            var keys = new List<string>();
            await foreach (var page in _partition.QueryAfterPages(RowKeys.ChangePrefix, end, RowKinds.Change, Math.Clamp(maxCount, 1, 1000), cancellationToken))
            {
                keys.AddRange(page.Values.Select(entity => entity.RowKey).Take(maxCount - keys.Count));
                if (keys.Count >= maxCount || page.ContinuationToken is null)
                {
                    break;
                }
            }

            foreach (var chunk in keys.Chunk(_partition.Capacity))
            {
                var ops = chunk.Select(key => new Op(new TableTransactionAction(TableTransactionActionType.Delete, _partition.NewEntity(key), Azure.ETag.All), OpRole.Change, OnMissing: OnMissing.DropAction)).ToList();
                await _partition.SubmitDroppingMissingAsync(ops, cancellationToken);
            }

            return keys.Count;
        }, cancellationToken);

    public Task<MemberPage?> ReadMembersAsync(ResourceTypeDefinition groupType, string groupId, string? cursor, int maxCount, CancellationToken cancellationToken = default)
    {
        var info = TypeInfo.For(groupType);
        return StorageErrors.Guard(async () =>
        {
            CheckAllowed(AllowedOperations.Read);
            if (!info.IsGroup || await ReadRowAsync(info, groupId, cancellationToken) is null)
            {
                return null;
            }

            maxCount = Math.Clamp(maxCount, 1, 1000);
            var key = await services.Secrets.GetCursorKeyAsync(cancellationToken);
            var scope = Query.CursorCodec.Scope("members|" + groupId);
            var prefix = RowKeys.MemberPrefix(groupId);
            var after = string.IsNullOrEmpty(cursor) ? null : Query.CursorCodec.Decode(cursor, key, _partition.PartitionKey, scope, Now).Position;
            if (after is not null && !after.StartsWith(prefix, StringComparison.Ordinal))
            {
                throw new ScimException(400, ScimType.InvalidCursor, "The cursor is not valid for this group.");
            }

            var members = new List<Relation>();
            var more = false;
            var pages = after is null
                ? _partition.QueryRangePages(prefix, RowKeys.PrefixEnd(prefix), RowKinds.Member, maxCount + 1, cancellationToken: cancellationToken)
                : _partition.QueryAfterPages(after, RowKeys.PrefixEnd(prefix), RowKinds.Member, maxCount + 1, cancellationToken);
            await foreach (var page in pages)
            {
                foreach (var entity in page.Values)
                {
                    if (members.Count == maxCount)
                    {
                        more = true;
                        break;
                    }

                    if (MemberRows.AsMember(entity, groupId) is { } member)
                    {
                        members.Add(member);
                    }
                }

                if (more || page.ContinuationToken is null)
                {
                    break;
                }
            }

            var next = more
                ? Query.CursorCodec.Encode(new Query.CursorPayload(_partition.PartitionKey, scope, RowKeys.Member(groupId, members[^1].MemberId), (Now + TimeSpan.FromHours(1)).ToUnixTimeSeconds()), key)
                : null;
            return (MemberPage?)new MemberPage(MemberRows.MembersJson(members), next);
        }, cancellationToken);
    }

    internal async Task<ResourceRow?> ReadRowAsync(TypeInfo info, string id, CancellationToken cancellationToken)
    {
        if (!KeyEncoding.IsResourceId(id))
        {
            return null;
        }

        var entity = await _partition.GetAsync(RowKeys.Resource(info.Segment, id), cancellationToken);
        return entity is null ? null : ResourceRow.From(entity);
    }

    /// <summary>The resource row and its relation rows in one range query.</summary>
    internal async Task<(ResourceRow Row, List<Relation> Members, List<string> Groups)?> ReadWithRelationsAsync(TypeInfo info, string id, CancellationToken cancellationToken)
    {
        ResourceRow? row = null;
        var members = new List<Relation>();
        var groups = new List<string>();
        await foreach (var entity in _partition.QueryRange(RowKeys.Resource(info.Segment, id), RowKeys.ResourceEnd(info.Segment, id), cancellationToken: cancellationToken))
        {
            Collect(info, id, entity, ref row, members, groups);
        }

        return row is null ? null : (row, members, groups);
    }

    /// <summary>Sorts one row of a resource's range into the resource, its members or its groups.</summary>
    internal static void Collect(TypeInfo info, string id, TableEntity entity, ref ResourceRow? row, List<Relation> members, List<string> groups)
    {
        if (entity.RowKey.Length == RowKeys.Resource(info.Segment, id).Length)
        {
            row = ResourceRow.From(entity);
        }
        else if (MemberRows.AsMember(entity, id) is { } member && info.IsGroup)
        {
            members.Add(member);
        }
        else if (MemberRows.AsMemberOf(entity, info.Segment, id) is { } groupId)
        {
            groups.Add(groupId);
        }
    }

    /// <summary>
    /// The document as the API shows it: id, meta.version from the ETag, lastModified including membership changes, relations.
    /// With <paramref name="adoptDocument"/> the row's document becomes the result (a row just read for this call and
    /// not used afterwards); otherwise it is copied.
    /// </summary>
    internal static StoredResource Materialize(TypeInfo info, ResourceRow row, IReadOnlyList<Relation>? members, IReadOnlyList<string>? groups, bool adoptDocument = false)
    {
        var document = adoptDocument ? row.Document : (JsonObject)row.Document.DeepClone();
        document["id"] = row.Id;
        var version = Versions.FromETag(row.ETag);
        if (document["meta"] is not JsonObject meta)
        {
            meta = [];
            document["meta"] = meta;
        }

        meta["resourceType"] = info.Definition.Name;
        meta["version"] = version;
        if (row.MembersModified is { } membersModified
            && (meta["lastModified"]?.GetValue<string>() is not { } text || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var lastModified) || membersModified > lastModified))
        {
            meta["lastModified"] = Timestamp(membersModified);
        }

        if (info.IsGroup && members is { Count: > 0 })
        {
            document[TypeInfo.MembersAttribute] = MemberRows.MembersJson(members);
        }

        if (info.IsUser && groups is { Count: > 0 })
        {
            document[TypeInfo.GroupsAttribute] = MemberRows.GroupsJson(groups);
        }

        return new StoredResource(document, version);
    }

    internal static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private void CheckAllowed(AllowedOperations operation) => tenant.Policy.RequireAllowed(operation, Now);

    private long? QuotaFor(TypeInfo info) => info.IsUser ? tenant.Policy.MaxUsers : info.IsGroup ? tenant.Policy.MaxGroups : null;

    private static ScimException NotFound(TypeInfo info, string id) => ScimException.NotFound($"{info.Definition.Name} '{id}' not found.");

    private static ScimException Uniqueness(TypeInfo info, TransactionFailedException failure) =>
        ScimException.Conflict($"A {info.Definition.Name} with the same {failure.Op.Tag ?? "unique attribute"} already exists.");
}
