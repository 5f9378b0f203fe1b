using Azure;
using ScimFunctions.Core.Filters;
using ScimFunctions.Core.Patch;
using ScimFunctions.Core.Resources;
using ScimFunctions.Storage.Changes;
using ScimFunctions.Storage.Membership;

namespace ScimFunctions.Storage.Store;

internal sealed partial class TableTenantStore
{
    public Task<StoredResource> ReplaceAsync(ResourceTypeDefinition resourceType, string id, JsonObject resource, string? ifMatch, WriteContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(context);
        var info = TypeInfo.For(resourceType);
        return StorageErrors.Guard(() => UpdateAsync(info, id, ifMatch, context, (row, _) =>
        {
            var document = (JsonObject)resource.DeepClone();
            var secrets = NeverReturnedValues.Strip(document, info.Definition);
            var members = info.IsGroup ? Documents.TakeMembers(document, id) : null;
            document.Remove(TypeInfo.GroupsAttribute);
            document.Remove("id");
            document.Remove("meta");
            var existing = (JsonObject)row.Document.DeepClone();
            existing.Remove("meta");
            NeverReturnedValues.Strip(existing, info.Definition); // a row written before the rule may still hold one
            ResourceValidator.CheckImmutable(existing, document, info.Definition);
            document["id"] = id;
            document["meta"] = row.Document["meta"]?.DeepClone() ?? new JsonObject();
            var update = new PendingUpdate(document, [.. Documents.ChangedAttributes(row.Document, document).Union(secrets, StringComparer.Ordinal)], members is null ? null : new MembershipDelta(true, [.. members.Select(m => new MemberReference(m.MemberId, m.TypeGuessed ? null : m.MemberType, m.Display))], []))
            {
                FinalMembers = members,
            };
            return Task.FromResult(update);
        }, cancellationToken), cancellationToken);
    }

    public Task<StoredResource> PatchAsync(ResourceTypeDefinition resourceType, string id, PatchRequest patch, CompatibilityOptions compatibility, string? ifMatch, WriteContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patch);
        ArgumentNullException.ThrowIfNull(context);
        var info = TypeInfo.For(resourceType);
        return StorageErrors.Guard(() => UpdateAsync(info, id, ifMatch, context, async (row, ct) =>
        {
            var currentMembers = info.IsGroup && NeedsMemberList(patch) ? await ReadMembersAsync(id, ct) : null;
            var options = new PatchOptions
            {
                Compatibility = compatibility ?? CompatibilityOptions.Default,
                ExternalizedAttribute = info.IsGroup ? TypeInfo.MembersAttribute : null,
                ResolveExternalizedValues = currentMembers is null ? null : filter => MatchingMembers(info, currentMembers, filter),
            };
            var result = PatchEngine.Apply(row.Document, patch, info.Definition, options);
            var document = result.Resource;
            var secrets = NeverReturnedValues.Strip(document, info.Definition);
            document.Remove(TypeInfo.GroupsAttribute);
            document.Remove(TypeInfo.MembersAttribute);
            document["id"] = id;
            var changed = result.ChangedAttributes.Where(a => a != TypeInfo.MembersAttribute).Union(secrets, StringComparer.Ordinal).ToList();
            return new PendingUpdate(document, changed, result.Members);
        }, cancellationToken), cancellationToken);
    }

    /// <summary>A document after a change, the attributes whose values changed, and the membership change (groups).</summary>
    private sealed record PendingUpdate(JsonObject Document, List<string> ChangedAttributes, MembershipDelta? Members)
    {
        /// <summary>The complete member list after the change, when the change names it (PUT), so it can be returned.</summary>
        public IReadOnlyList<Relation>? FinalMembers { get; init; }
    }

    /// <summary>
    /// Read, change, write with the row's ETag: the shared path of PUT and PATCH. Without a client If-Match a conflict
    /// re-reads and re-applies the change; with one it is 412. A membership-only change does not rewrite the document,
    /// so concurrent member additions never conflict with each other.
    /// </summary>
    private async Task<StoredResource> UpdateAsync(TypeInfo info, string id, string? ifMatch, WriteContext context, Func<ResourceRow, CancellationToken, Task<PendingUpdate>> change, CancellationToken cancellationToken)
    {
        CheckAllowed(AllowedOperations.Update);
        for (var attempt = 1; ; attempt++)
        {
            var row = await ReadRowAsync(info, id, cancellationToken);
            if (row is null || row.Deleting)
            {
                throw NotFound(info, id);
            }

            if (!Versions.Matches(ifMatch, row.ETag))
            {
                throw ScimException.PreconditionFailed("The resource has changed since the version given in If-Match.");
            }

            var update = await change(row, cancellationToken);
            var now = Now;
            var plan = update.Members is { IsEmpty: false } delta
                ? await PlanMembershipAsync(id, delta.Clear, delta.Added.Select(m => Documents.ToRelation(m.Value, m.Type, m.Display)), delta.Removed, now, cancellationToken)
                : MembershipPlan.Empty;
            var documentChanged = update.ChangedAttributes.Count > 0;
            if (!documentChanged && plan.IsEmpty)
            {
                return Materialize(info, row, FinalMembers(update, plan), null, adoptDocument: true);
            }

            var condition = ifMatch is null ? (documentChanged ? row.ETag : ETag.All) : Versions.ToETag(ifMatch);
            var fixedOps = new List<Op>();
            var document = update.Document;
            if (documentChanged)
            {
                if (document["meta"] is not JsonObject meta)
                {
                    meta = [];
                    document["meta"] = meta;
                }

                meta.Remove("version");
                meta.Remove("location");
                meta["resourceType"] = info.Definition.Name;
                meta["lastModified"] = Timestamp(now);
                var membersModified = plan.IsEmpty ? row.MembersModified : now;
                fixedOps.Add(new Op(new TableTransactionAction(TableTransactionActionType.UpdateReplace, ResourceRow.ToEntity(_partition, info.Segment, id, document, membersModified), condition), OpRole.Resource));
                var before = info.Unique.KeysOf(row.Document);
                var after = info.Unique.KeysOf(document);
                fixedOps.AddRange(IndexDeletes(before, after));
                fixedOps.AddRange(IndexInserts(id, after, before));
            }
            else
            {
                document = row.Document;
                fixedOps.Add(new Op(new TableTransactionAction(TableTransactionActionType.UpdateMerge, ResourceRow.Touch(_partition, info.Segment, id, now), condition), OpRole.Resource));
            }

            var changed = update.ChangedAttributes.ToList();
            if (!plan.IsEmpty)
            {
                changed.Add(TypeInfo.MembersAttribute);
            }

            fixedOps.Add(ChangeRows.Insert(_partition, info.Definition.Name, id, OperationOf(info, row.Document, document), changed, context, now, ChangeDetails.Members(plan.Added.Keys, plan.Removed.Keys)));
            try
            {
                var etag = await WriteExecutor.ExecuteAsync(
                    _partition, RowKeys.Resource(info.Segment, id), info.Segment, id, fixedOps, plan.Groups, null,
                    (failure, ct) => FixRelationAsync(id, plan, failure, now, ct), now, cancellationToken);
                var membersModified = plan.IsEmpty ? row.MembersModified : now;
                return Materialize(info, new ResourceRow(info.Segment, id, document, etag, false, membersModified), FinalMembers(update, plan), null, adoptDocument: true);
            }
            catch (TransactionFailedException failure) when (failure.Op.Role == OpRole.Index && failure.Status == 409)
            {
                throw Uniqueness(info, failure);
            }
            catch (TransactionFailedException failure) when (failure.Op.Role == OpRole.Resource && failure.Status == 404)
            {
                throw NotFound(info, id);
            }
            catch (TransactionFailedException failure) when (failure.Op.Role == OpRole.Resource && failure.Status == 412 && ifMatch is not null)
            {
                throw ScimException.PreconditionFailed("The resource has changed since the version given in If-Match.");
            }
            catch (TransactionFailedException failure) when (failure.Op.Role is OpRole.Resource or OpRole.Change && attempt < StoreServices.MaxAttempts)
            {
                // Someone else changed the resource between our read and our write: read again and re-apply.
            }
        }
    }

    /// <summary>A PUT's member list as written (types as resolved while writing).</summary>
    private static List<Relation>? FinalMembers(PendingUpdate update, MembershipPlan plan) =>
        update.FinalMembers?.Select(m => plan.Added.TryGetValue(m.MemberId, out var written) ? written : m).ToList();

    private static ChangeOperation OperationOf(TypeInfo info, JsonObject before, JsonObject after)
    {
        if (info.IsUser)
        {
            var wasActive = Documents.IsActive(before);
            var isActive = Documents.IsActive(after);
            if (wasActive && !isActive)
            {
                return ChangeOperation.Deactivated;
            }

            if (!wasActive && isActive)
            {
                return ChangeOperation.Reactivated;
            }
        }

        return ChangeOperation.Updated;
    }

    /// <summary>True when a PATCH selects members by something other than their value, so the current list is needed.</summary>
    private static bool NeedsMemberList(PatchRequest patch)
    {
        foreach (var operation in patch.Operations)
        {
            if (operation.Path is null || !operation.Path.Contains('[', StringComparison.Ordinal))
            {
                continue;
            }

            PatchPath path;
            try
            {
                path = PatchPath.Parse(operation.Path);
            }
            catch (ScimException)
            {
                continue;
            }

            if (string.Equals(path.Attribute.Name, TypeInfo.MembersAttribute, StringComparison.OrdinalIgnoreCase) && path.ValueFilter is { } filter && !IsValueEquality(filter))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsValueEquality(FilterNode filter) => filter switch
    {
        ComparisonNode { Operator: ComparisonOperator.Eq, Value.Kind: FilterLiteralKind.String } c => string.Equals(c.Path.Name, "value", StringComparison.OrdinalIgnoreCase) && c.Path.SubAttribute is null,
        OrNode or => IsValueEquality(or.Left) && IsValueEquality(or.Right),
        _ => false,
    };

    private async Task<List<Relation>> ReadMembersAsync(string groupId, CancellationToken cancellationToken)
    {
        var members = new List<Relation>();
        var prefix = RowKeys.MemberPrefix(groupId);
        await foreach (var entity in _partition.QueryRange(prefix, RowKeys.PrefixEnd(prefix), RowKinds.Member, cancellationToken: cancellationToken))
        {
            if (MemberRows.AsMember(entity, groupId) is { } member)
            {
                members.Add(member);
            }
        }

        return members;
    }

    private static List<MemberReference> MatchingMembers(TypeInfo info, IEnumerable<Relation> members, FilterNode filter)
    {
        var matches = new List<MemberReference>();
        var valuePath = new ValuePathNode(new AttributePath(null, TypeInfo.MembersAttribute), filter);
        foreach (var member in members)
        {
            var probe = new JsonObject { [TypeInfo.MembersAttribute] = MemberRows.MembersJson([member]) };
            if (FilterEvaluator.Matches(valuePath, probe, info.Definition))
            {
                matches.Add(new MemberReference(member.MemberId, member.MemberType, member.Display));
            }
        }

        return matches;
    }
}
