
namespace ScimFunctions.Storage.Store;

/// <summary>How the store keeps a resource type: its key segment, unique attributes, and the attribute kept as rows.</summary>
internal sealed record TypeInfo(ResourceTypeDefinition Definition, string Segment, UniqueAttributes Unique)
{
    public const string MembersAttribute = "members";
    public const string GroupsAttribute = "groups";

    public bool IsGroup => Segment == "group";

    public bool IsUser => Segment == "user";

    /// <summary>The attribute that lives in relation rows, not in the document: a group's members, a user's groups.</summary>
    public string? RelationAttribute => IsGroup ? MembersAttribute : IsUser ? GroupsAttribute : null;

    public static TypeInfo For(ResourceTypeDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new TypeInfo(definition, RowKeys.TypeSegment(definition.Name), UniqueAttributes.For(definition));
    }
}
