using ScimFunctions.Core.Errors;
using ScimFunctions.Storage.Keys;
using ScimFunctions.Storage.Membership;
using ScimFunctions.Storage.Tables;

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
    /// Plans a membership change. With <paramref name="clear"/> the current member rows are read and only the difference
    /// is written; otherwise removals are attempted optimistically (a removal of an absent member drops out).
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
            foreach (var id in removed.Where(id => !adds.ContainsKey(id) && KeyEncoding.IsResourceId(id)))
            {
                removes[id] = new Relation(id, Relation.User, null, TypeGuessed: true);
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

    /// <summary>Repairs a relation group that failed on a missing row: a guessed member type was wrong, or the member does not exist.</summary>
    private async Task<IReadOnlyList<Op>> FixRelationAsync(string groupId, MembershipPlan plan, BatchFailure failure, DateTimeOffset now, CancellationToken cancellationToken)
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
