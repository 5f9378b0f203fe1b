using ScimFunctions.Core.Filters;

namespace ScimFunctions.Core.Patch;

/// <summary>
/// Where one PATCH operation applies: an attribute (core or extension), optionally narrowed to the values matching
/// <see cref="Filter"/>, optionally down to one sub-attribute.
/// </summary>
internal sealed record PatchTarget(ResolvedAttribute Resolved, FilterNode? Filter, AttributeDefinition? SubAttribute, string PathText)
{
    public AttributeDefinition Attribute => Resolved.Attribute;

    /// <summary>A target for a whole attribute or an unfiltered sub-attribute.</summary>
    public static PatchTarget For(ResolvedAttribute resolved, string pathText) => new(resolved, null, resolved.SubAttribute, pathText);

    /// <summary>Resolves a parsed PATCH path; 400 invalidPath when the resource type has no such attribute.</summary>
    public static PatchTarget Resolve(PatchPath path, ResourceTypeDefinition resourceType, string pathText)
    {
        var resolved = ResolveAttribute(path.Attribute, resourceType)
            ?? throw ScimException.InvalidPath($"The path {PatchErrors.Quote(pathText)} names no attribute of the {resourceType.Name} resource type.");
        if (path.ValueFilter is null)
        {
            return For(resolved, pathText);
        }

        if (resolved.SubAttribute is not null || resolved.Attribute.Type != ScimAttributeType.Complex)
        {
            throw ScimException.InvalidPath($"The path {PatchErrors.Quote(pathText)} filters values of an attribute that is not complex.");
        }

        AttributeDefinition? sub = null;
        if (path.SubAttribute is not null)
        {
            sub = resolved.Attribute.FindSubAttribute(path.SubAttribute)
                ?? throw ScimException.InvalidPath($"The path {PatchErrors.Quote(pathText)} names no sub-attribute of '{resolved.Attribute.Name}'.");
        }

        if (Resources.NeverReturnedValues.IsNeverReturned(resolved.Attribute))
        {
            throw Resources.NeverReturnedValues.NotFilterable(resolved.QualifiedName);
        }

        FilterEvaluator.ValidateValueFilter(path.ValueFilter, resolved.Attribute);
        return new PatchTarget(resolved, path.ValueFilter, sub, pathText);
    }

    /// <summary>
    /// Resolves an attribute path. An unqualified name that the core schema lacks is looked up in the extension schemas
    /// (Entra ID sends <c>"path":"manager"</c> for the Enterprise User extension's manager).
    /// </summary>
    public static ResolvedAttribute? ResolveAttribute(AttributePath path, ResourceTypeDefinition resourceType)
    {
        var resolved = AttributeResolver.Resolve(path, resourceType);
        if (resolved is not null || path.SchemaUrn is not null)
        {
            return resolved;
        }

        foreach (var extension in resourceType.Extensions)
        {
            resolved = AttributeResolver.Resolve(path with { SchemaUrn = extension.Schema.Id }, resourceType);
            if (resolved is not null)
            {
                return resolved;
            }
        }

        return null;
    }
}
