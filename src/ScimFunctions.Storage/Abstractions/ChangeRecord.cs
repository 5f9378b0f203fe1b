namespace ScimFunctions.Storage.Abstractions;

/// <summary>What happened to a resource.</summary>
public enum ChangeOperation
{
    Created,
    Updated,
    Deactivated,
    Reactivated,
    Deleted,
}

/// <summary>
/// One entry of a tenant's change log: the audit trail and the change feed. Never holds secret values.
/// <see cref="Actor"/> is who made the change: the id of the tenant token that authenticated the request
/// (<c>tok-…</c>), or <c>scimctl:&lt;OS user&gt;</c> for changes written by the CLI; <see cref="Channel"/> is how it
/// came in (<c>scim</c> or <c>mcp</c>, see <see cref="Channels"/>; null for the CLI and for entries written before channels were recorded).
/// <see cref="CommittedLate"/>: the storage service committed the row more than half the settle time after its
/// <see cref="Position"/> (its writer's clock), so a reader may have passed that position before the row was visible.
/// </summary>
public sealed record ChangeRecord(
    long Sequence,
    DateTimeOffset Timestamp,
    string ResourceType,
    string ResourceId,
    ChangeOperation Operation,
    IReadOnlyList<string> ChangedAttributes,
    string? Actor,
    string? RequestId,
    string? Channel = null,
    [property: System.Text.Json.Serialization.JsonIgnore] string Position = "",
    [property: System.Text.Json.Serialization.JsonIgnore] ChangeDetails? Details = null,
    [property: System.Text.Json.Serialization.JsonIgnore] bool CommittedLate = false);

/// <summary>A page of a group's members and the cursor of the next one (null after the last member).</summary>
public sealed record MemberPage(System.Text.Json.Nodes.JsonArray Members, string? NextCursor);

/// <summary>
/// What a change row holds beyond attribute names, for the events built from it: a deleted resource's externalId
/// (the resource row is gone when the event is delivered) and the ids of the members a group change added or removed
/// (at most <see cref="MaxMemberIds"/> each; <see cref="MembersTruncated"/> says when more changed).
/// </summary>
public sealed record ChangeDetails(string? ExternalId, IReadOnlyList<string> MembersAdded, IReadOnlyList<string> MembersRemoved, bool MembersTruncated = false)
{
    public const int MaxMemberIds = 500;

    public static ChangeDetails? Members(IEnumerable<string> added, IEnumerable<string> removed)
    {
        var adds = added.Order(StringComparer.Ordinal).ToList();
        var removes = removed.Order(StringComparer.Ordinal).ToList();
        if (adds.Count == 0 && removes.Count == 0)
        {
            return null;
        }

        var truncated = adds.Count > MaxMemberIds || removes.Count > MaxMemberIds;
        return new ChangeDetails(null, adds.Take(MaxMemberIds).ToList(), removes.Take(MaxMemberIds).ToList(), truncated);
    }
}

/// <summary>
/// A page of the change log and the cursor to continue from. The cursor is always given: fewer entries than asked for
/// means the reader is up to date, and reading again later with the same cursor returns what was written since.
/// </summary>
public sealed record ChangePage(IReadOnlyList<ChangeRecord> Changes, string? NextCursor);
