namespace ScimFunctions.Core.Filters;

/// <summary>
/// An attribute path of RFC 7644 §3.10 / ABNF <c>attrPath = [URI ":"] ATTRNAME *1subAttr</c>:
/// an optional schema URN, an attribute name and an optional sub-attribute name, as written by the client
/// (resolution to canonical names happens against a <see cref="Schemas.ResourceTypeDefinition"/>).
/// </summary>
public sealed record AttributePath(string? SchemaUrn, string Name, string? SubAttribute = null)
{
    public override string ToString()
    {
        var text = SchemaUrn is null ? Name : SchemaUrn + ":" + Name;
        return SubAttribute is null ? text : text + "." + SubAttribute;
    }
}
