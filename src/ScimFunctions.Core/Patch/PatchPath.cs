using ScimFunctions.Core.Filters;

namespace ScimFunctions.Core.Patch;

/// <summary>
/// A PATCH path (RFC 7644 §3.5.2: <c>PATH = attrPath / valuePath [subAttr]</c>), e.g. <c>name.givenName</c>,
/// <c>members[value eq "x"]</c>, <c>emails[type eq "work"].value</c>, <c>urn:…:enterprise:2.0:User:manager</c>.
/// When <see cref="ValueFilter"/> is set, <see cref="Attribute"/> has no sub-attribute and <see cref="SubAttribute"/>
/// is the optional name after the closing bracket.
/// </summary>
public sealed record PatchPath(AttributePath Attribute, FilterNode? ValueFilter, string? SubAttribute)
{
    /// <summary>Parses a PATCH path; 400 invalidPath (or invalidFilter inside the brackets) on bad input.</summary>
    public static PatchPath Parse(string text, FilterLimits? limits = null) => FilterParser.ParsePatchPath(text, limits);

    public override string ToString() =>
        ValueFilter is null ? Attribute.ToString() : $"{Attribute}[{ValueFilter}]" + (SubAttribute is null ? string.Empty : "." + SubAttribute);
}
