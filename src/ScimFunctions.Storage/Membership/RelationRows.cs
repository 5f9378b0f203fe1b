using Azure;

namespace ScimFunctions.Storage.Membership;

/// <summary>
/// The three actions that add or remove one membership, always submitted together: the group's member row, the
/// member's reverse row, and a touch of the member's resource row. The touch proves the member exists (a merge of a
/// missing row fails), changes the member's version (its <c>groups</c> changed) and makes a concurrent delete of the
/// member notice the new relation (its final conditional delete fails and it re-reads).
/// </summary>
internal static class RelationRows
{
    public static IReadOnlyList<Op> Add(TenantPartition partition, string groupId, Relation relation, DateTimeOffset now, int group)
    {
        var member = partition.NewEntity(RowKeys.Member(groupId, relation.MemberId));
        member[Columns.Kind] = RowKinds.Member;
        member[Columns.MemberType] = relation.MemberType;
        if (relation.Display is not null)
        {
            member[Columns.Display] = relation.Display;
        }

        var memberOf = partition.NewEntity(RowKeys.MemberOf(relation.TypeSegment, relation.MemberId, groupId));
        memberOf[Columns.Kind] = RowKinds.MemberOf;
        memberOf[Columns.GroupId] = groupId;
        return
        [
            new Op(new TableTransactionAction(TableTransactionActionType.UpsertReplace, member), OpRole.Relation, relation.MemberId, group),
            new Op(new TableTransactionAction(TableTransactionActionType.UpsertReplace, memberOf), OpRole.RelationCounterpart, relation.MemberId, group),
            new Op(new TableTransactionAction(TableTransactionActionType.UpdateMerge, ResourceRow.Touch(partition, relation.TypeSegment, relation.MemberId, now), ETag.All), OpRole.RelationTarget, relation.MemberId, group),
        ];
    }

    public static IReadOnlyList<Op> Remove(TenantPartition partition, string groupId, Relation relation, DateTimeOffset now, int group)
    {
        var counterpartOnMissing = relation.TypeGuessed ? OnMissing.Fail : OnMissing.DropAction;
        return
        [
            new Op(new TableTransactionAction(TableTransactionActionType.Delete, partition.NewEntity(RowKeys.Member(groupId, relation.MemberId)), ETag.All), OpRole.Relation, relation.MemberId, group, OnMissing.DropGroup),
            new Op(new TableTransactionAction(TableTransactionActionType.Delete, partition.NewEntity(RowKeys.MemberOf(relation.TypeSegment, relation.MemberId, groupId)), ETag.All), OpRole.RelationCounterpart, relation.MemberId, group, counterpartOnMissing),
            new Op(new TableTransactionAction(TableTransactionActionType.UpdateMerge, ResourceRow.Touch(partition, relation.TypeSegment, relation.MemberId, now), ETag.All), OpRole.RelationTarget, relation.MemberId, group, OnMissing.DropAction),
        ];
    }

    /// <summary>Removal of a relation seen from the member's side (a reverse row <c>{type}|{memberId}|memberOf|{groupId}</c>).</summary>
    public static IReadOnlyList<Op> RemoveFromMemberSide(TenantPartition partition, string memberTypeSegment, string memberId, string groupId, DateTimeOffset now, int group) =>
    [
        new Op(new TableTransactionAction(TableTransactionActionType.Delete, partition.NewEntity(RowKeys.MemberOf(memberTypeSegment, memberId, groupId)), ETag.All), OpRole.Relation, groupId, group, OnMissing.DropGroup),
        new Op(new TableTransactionAction(TableTransactionActionType.Delete, partition.NewEntity(RowKeys.Member(groupId, memberId)), ETag.All), OpRole.RelationCounterpart, groupId, group, OnMissing.DropAction),
        new Op(new TableTransactionAction(TableTransactionActionType.UpdateMerge, ResourceRow.Touch(partition, "group", groupId, now), ETag.All), OpRole.RelationTarget, groupId, group, OnMissing.DropAction),
    ];
}
