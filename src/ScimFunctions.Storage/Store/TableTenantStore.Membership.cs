using ScimFunctions.Storage.Membership;

namespace ScimFunctions.Storage.Store;

internal sealed partial class TableTenantStore
{
    /// <summary>The relation groups that take a group's member rows from what they are to what a change asks for.</summary>
    private sealed record MembershipPlan(List<IReadOnlyList<Op>> Groups, Dictionary<string, Relation> Added, Dictionary<string, Relation> Removed)
    {
        public static MembershipPlan Empty => new([], [], []);

        public bool IsEmpty => Groups.Count == 0;
    }

    /// <summary>
    /// Up to this many removals are written optimistically (a removal of an absent member drops out at the cost of one
    /// more transaction); beyond it the group's member rows are read first and only members that are there are removed.
    /// </summary>
    internal const int OptimisticMemberValues = 8;

    /// <summary>
    /// Plans a membership change. With <paramref name="clear"/> the current member rows are read and only the difference
    /// is written. Otherwise additions are upserts (idempotent, 33 a transaction; an absent member fails the request at
    /// the first one), a few removals are written optimistically, and a longer removal list is first checked against the
    /// group's member rows (<see cref="ReadPresentMembersAsync"/>), so its cost follows the group, not the list.
    /// </summary>
    private async Task<MembershipPlan> PlanMembershipAsync(string groupId, bool clear, IEnumerable<Relation> added, IEnumerable<string> removed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var adds = new Dictionary<string, Relation>(StringComparer.Ordinal);
        foreach (var relation in added)
        {
            if (!KeyEncoding.IsResourceId(relation.MemberId))
            {
                throw ScimException.InvalidValue($"Member '{relation.MemberId}' does not exist.");
            }

            if (string.Equals(relation.MemberId, groupId, StringComparison.Ordinal))
            {
                throw ScimException.InvalidValue("A group cannot be a member of itself.");
            }

            adds[relation.MemberId] = relation;
        }

        var removes = new Dictionary<string, Relation>(StringComparer.Ordinal);
        if (clear)
        {
            var prefix = RowKeys.MemberPrefix(groupId);
            await foreach (var entity in _partition.QueryRange(prefix, RowKeys.PrefixEnd(prefix), RowKinds.Member, cancellationToken: cancellationToken))
            {
                if (MemberRows.AsMember(entity, groupId) is not { } current)
                {
                    continue;
                }

                if (adds.TryGetValue(current.MemberId, out var wanted) && (wanted.TypeGuessed || wanted.MemberType == current.MemberType) && wanted.Display == current.Display)
                {
                    adds.Remove(current.MemberId);
                }
                else if (!adds.ContainsKey(current.MemberId))
                {
                    removes[current.MemberId] = current;
                }
            }
        }
        else
        {
            var candidates = removed.Where(id => !adds.ContainsKey(id) && KeyEncoding.IsResourceId(id)).ToHashSet(StringComparer.Ordinal);
            if (candidates.Count <= OptimisticMemberValues)
            {
                foreach (var id in candidates)
                {
                    removes[id] = new Relation(id, Relation.User, null, TypeGuessed: true);
                }
            }
            else
            {
                foreach (var (id, current) in await ReadPresentMembersAsync(groupId, candidates, cancellationToken))
                {
                    removes[id] = current;
                }
            }
        }

        var groups = new List<IReadOnlyList<Op>>();
        foreach (var relation in removes.Values)
        {
            groups.Add(RelationRows.Remove(_partition, groupId, relation, now, groups.Count));
        }

        foreach (var relation in adds.Values)
        {
            groups.Add(RelationRows.Add(_partition, groupId, relation, now, groups.Count));
        }

        return new MembershipPlan(groups, adds, removes);
    }

    /// <summary>
    /// Which of <paramref name="memberIds"/> have a member row in the group, at the lower of two costs: the group's
    /// member range is read page by page (1,000 rows a request) while that is cheaper than one point read per id still
    /// unresolved; the ids beyond the range read so far are then read one by one. Either way at most about twice the
    /// cheaper of "one request per id" and "one request per 1,000 members".
    /// </summary>
    private async Task<Dictionary<string, Relation>> ReadPresentMembersAsync(string groupId, IReadOnlyCollection<string> memberIds, CancellationToken cancellationToken)
    {
        var present = new Dictionary<string, Relation>(StringComparer.Ordinal);
        var unresolved = new SortedSet<string>(memberIds, StringComparer.Ordinal);
        var prefix = RowKeys.MemberPrefix(groupId);
        var pages = 0;
        await foreach (var page in _partition.QueryRangePages(prefix, RowKeys.PrefixEnd(prefix), RowKinds.Member, null, ["RowKey", Columns.MemberType, Columns.Display], cancellationToken))
        {
            pages++;
            foreach (var entity in page.Values)
            {
                if (MemberRows.AsMember(entity, groupId) is { } member && unresolved.Remove(member.MemberId))
                {
                    present[member.MemberId] = member;
                }
            }

            if (page.ContinuationToken is null)
            {
                return present;
            }

            if (page.Values.Count > 0)
            {
                var scannedTo = page.Values[^1].RowKey[prefix.Length..];
                unresolved.RemoveWhere(id => string.CompareOrdinal(id, scannedTo) <= 0);
            }

            if (unresolved.Count == 0)
            {
                return present;
            }

            if (pages >= unresolved.Count)
            {
                break;
            }
        }

        var found = new System.Collections.Concurrent.ConcurrentDictionary<string, Relation>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(unresolved, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (id, ct) =>
        {
            if (await _partition.GetAsync(RowKeys.Member(groupId, id), ct) is { } row && MemberRows.AsMember(row, groupId) is { } member)
            {
                found[id] = member;
            }
        });
        foreach (var (id, member) in found)
        {
            present[id] = member;
        }

        return present;
    }

    /// <summary>Repairs a relation group that failed on a missing row: a guessed member type was wrong, or the member does not exist.</summary>
    private async Task<IReadOnlyList<Op>> FixRelationAsync(string groupId, MembershipPlan plan, TransactionFailedException failure, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var memberId = failure.Op.Tag!;
        if (failure.Op.Role == OpRole.RelationTarget)
        {
            return await FixAddedMemberAsync(groupId, plan.Added, failure, now, cancellationToken);
        }

        // A removal guessed "User" but the reverse row is not there: the member row says what the member really is.
        var row = await _partition.GetAsync(RowKeys.Member(groupId, memberId), cancellationToken);
        if (row is null || MemberRows.AsMember(row, groupId) is not { } actual)
        {
            plan.Removed.Remove(memberId);
            return [];
        }

        plan.Removed[memberId] = actual;
        return RelationRows.Remove(_partition, groupId, actual, now, failure.Op.Group);
    }
}
