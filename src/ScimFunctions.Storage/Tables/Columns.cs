namespace ScimFunctions.Storage.Tables;

/// <summary>Column names and row kinds of the resource table (see docs/storage.md).</summary>
internal static class Columns
{
    public const string Kind = "Kind";
    public const string Type = "Type";
    public const string Deleting = "Deleting";
    public const string MembersModified = "MembersModified";
    public const string DocumentPrefix = "Doc";
    public const string TargetId = "TargetId";
    public const string MemberType = "MemberType";
    public const string Display = "Display";
    public const string GroupId = "GroupId";
    public const string Count = "Count";
    public const string ResourceId = "ResourceId";
    public const string Operation = "Operation";
    public const string ChangedAttributes = "ChangedAttributes";
    public const string Actor = "Actor";
    public const string Channel = "Channel";
    public const string RequestId = "RequestId";
    public const string Stamp = "Stamp";

    /// <summary>On a change row copied by a tenant move: when the original row committed (the copy's Timestamp is the copy's).</summary>
    public const string Committed = "Committed";
    public const string ExternalId = "ExternalId";
    public const string MembersAdded = "MembersAdded";
    public const string MembersRemoved = "MembersRemoved";
    public const string MembersTruncated = "MembersTruncated";
}

internal static class RowKinds
{
    public const string Resource = "resource";
    public const string Index = "index";
    public const string Member = "member";
    public const string MemberOf = "memberOf";
    public const string Counter = "counter";
    public const string Change = "change";
    public const string Fence = "fence";
}
