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
    string? Channel = null);

/// <summary>A page of a group's members and the cursor of the next one (null after the last member).</summary>
public sealed record MemberPage(System.Text.Json.Nodes.JsonArray Members, string? NextCursor);

/// <summary>
/// A page of the change log and the cursor to continue from. The cursor is always given: fewer entries than asked for
/// means the reader is up to date, and reading again later with the same cursor returns what was written since.
/// </summary>
public sealed record ChangePage(IReadOnlyList<ChangeRecord> Changes, string? NextCursor);
