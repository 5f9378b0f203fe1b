using ScimFunctions.Core.Filters;

namespace ScimFunctions.Core.Patch;

/// <summary>
/// add / replace without a path (RFC 7644 §3.5.2.1, §3.5.2.3): the value is an object of attributes, each applied as an
/// operation on that attribute. Keys may be plain (<c>active</c>), dotted (<c>name.givenName</c>), URN-qualified
/// (<c>urn:…:enterprise:2.0:User:employeeNumber</c>) or a schema URN holding an object of that schema's attributes — all
/// of which Entra ID and Okta send. <c>schemas</c> is ignored. Unknown keys follow
/// <see cref="CompatibilityOptions.UnknownAttributes"/> (ignored, or 400 invalidPath).
/// </summary>
internal static class PathlessOperations
{
    public static void Apply(PatchContext context, PatchOperationType op, JsonObject value)
    {
        foreach (var (key, attributeValue) in value)
        {
            if (string.Equals(key, "schemas", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (context.ResourceType.FindSchema(key) is { } schema)
            {
                ApplySchemaObject(context, schema, op, attributeValue, key);
                continue;
            }

            var resolved = AttributeResolver.TryParsePath(key, context.ResourceType, out var path)
                ? PatchTarget.ResolveAttribute(path, context.ResourceType)
                : null;
            Apply(context, resolved, op, attributeValue, key);
        }
    }

    /// <summary>A schema's attributes given as one object: a path-less key equal to the schema URN, or a path that is the URN.</summary>
    public static void ApplySchemaObject(PatchContext context, SchemaDefinition schema, PatchOperationType op, JsonNode? value, string pathText)
    {
        if (op == PatchOperationType.Remove)
        {
            RemoveSchemaAttributes(context, schema, pathText);
            return;
        }

        if (value is not JsonObject attributes)
        {
            throw ScimException.InvalidValue($"The value for {PatchErrors.Quote(pathText)} must be a JSON object of that schema's attributes.");
        }

        foreach (var (key, attributeValue) in attributes)
        {
            var resolved = AttributeResolver.TryParsePath(key, null, out var path) && path.SchemaUrn is null
                ? AttributeResolver.Resolve(path with { SchemaUrn = schema.Id }, context.ResourceType)
                : null;
            Apply(context, resolved, op, attributeValue, schema.Id + ":" + key);
        }
    }

    private static void Apply(PatchContext context, ResolvedAttribute? resolved, PatchOperationType op, JsonNode? value, string key)
    {
        if (resolved is null)
        {
            if (context.Compatibility.UnknownAttributes == UnknownAttributePolicy.Reject)
            {
                throw ScimException.InvalidPath($"The attribute {PatchErrors.Quote(key)} is not defined by any schema of the {context.ResourceType.Name} resource type.");
            }

            return;
        }

        PatchEngine.ApplyTo(context, PatchTarget.For(resolved, key), op, value);
    }

    private static void RemoveSchemaAttributes(PatchContext context, SchemaDefinition schema, string pathText)
    {
        var isExtension = !ReferenceEquals(schema, context.ResourceType.Schema);
        if (!isExtension)
        {
            throw ScimException.InvalidPath($"The path {PatchErrors.Quote(pathText)} would remove the whole resource; name an attribute.");
        }

        if (context.Document[schema.Id] is not JsonObject extension)
        {
            return;
        }

        foreach (var name in extension.Select(pair => pair.Key).ToList())
        {
            if (AttributeResolver.Resolve(new AttributePath(schema.Id, name), context.ResourceType) is { } resolved)
            {
                PatchEngine.ApplyTo(context, PatchTarget.For(resolved, pathText), PatchOperationType.Remove, null);
            }
        }
    }
}
