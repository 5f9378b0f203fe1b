namespace ScimFunctions.Storage.Membership;

/// <summary>
/// One membership as rows see it: the member's id, its resource type ("User" or "Group") and the display a client gave.
/// <see cref="TypeGuessed"/> is set when the client did not say the type and "User" is assumed until a row proves otherwise.
/// </summary>
internal sealed record Relation(string MemberId, string MemberType, string? Display, bool TypeGuessed = false)
{
    public const string User = "User";
    public const string Group = "Group";

    public string TypeSegment => MemberType switch
    {
        User => "user",
        Group => "group",
        _ => MemberType.ToLowerInvariant(),
    };

    /// <summary>The canonical member type for a client's <c>type</c> value; null when it names no resource type.</summary>
    public static string? CanonicalType(string? type) => type switch
    {
        null => null,
        _ when string.Equals(type, User, StringComparison.OrdinalIgnoreCase) => User,
        _ when string.Equals(type, Group, StringComparison.OrdinalIgnoreCase) => Group,
        _ => null,
    };
}
