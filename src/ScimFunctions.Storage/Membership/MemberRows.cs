
namespace ScimFunctions.Storage.Membership;

/// <summary>Reads relation rows back into SCIM values (<c>members</c> of a group, <c>groups</c> of a user).</summary>
internal static class MemberRows
{
    /// <summary>A member row under <c>group|{id}|member|</c> as a relation, or null when the row is not one.</summary>
    public static Relation? AsMember(TableEntity entity, string groupId)
    {
        var prefix = RowKeys.MemberPrefix(groupId);
        if (!entity.RowKey.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        return new Relation(entity.RowKey[prefix.Length..], entity.GetString(Columns.MemberType) ?? Relation.User, entity.GetString(Columns.Display));
    }

    /// <summary>The group id of a reverse row under <c>{type}|{id}|memberOf|</c>, or null.</summary>
    public static string? AsMemberOf(TableEntity entity, string typeSegment, string memberId)
    {
        var prefix = RowKeys.MemberOfPrefix(typeSegment, memberId);
        return entity.RowKey.StartsWith(prefix, StringComparison.Ordinal) ? entity.RowKey[prefix.Length..] : null;
    }

    public static JsonArray MembersJson(IEnumerable<Relation> members)
    {
        var array = new JsonArray();
        foreach (var member in members)
        {
            var value = new JsonObject { ["value"] = member.MemberId, ["type"] = member.MemberType };
            if (member.Display is not null)
            {
                value["display"] = member.Display;
            }

            array.Add(value);
        }

        return array;
    }

    /// <summary>A user's read-only <c>groups</c>: direct memberships (the HTTP layer may add <c>$ref</c> under its base URL).</summary>
    public static JsonArray GroupsJson(IEnumerable<string> groupIds)
    {
        var array = new JsonArray();
        foreach (var groupId in groupIds)
        {
            array.Add(new JsonObject { ["value"] = groupId, ["type"] = "direct" });
        }

        return array;
    }
}
