using System.Diagnostics.CodeAnalysis;
using ScimFunctions.Core.Filters;

namespace ScimFunctions.Core.Schemas;

/// <summary>
/// An attribute path resolved against a resource type: which schema it belongs to, its definition, and the
/// sub-attribute when the path names one. <see cref="IsExtension"/> tells whether the value lives under the
/// schema's URN key in the document (RFC 7643 §3.3) or at the top level.
/// </summary>
public sealed record ResolvedAttribute(SchemaDefinition Schema, AttributeDefinition Attribute, AttributeDefinition? SubAttribute, bool IsExtension)
{
    /// <summary>The definition the path ends at (the sub-attribute when there is one).</summary>
    public AttributeDefinition Target => SubAttribute ?? Attribute;

    /// <summary>Canonical dotted name without URN, e.g. "name.givenName".</summary>
    public string CanonicalName => SubAttribute is null ? Attribute.Name : Attribute.Name + "." + SubAttribute.Name;

    /// <summary>Canonical fully qualified name for extension attributes, e.g. "urn:…:enterprise:2.0:User:employeeNumber".</summary>
    public string QualifiedName => IsExtension ? Schema.Id + ":" + CanonicalName : CanonicalName;

    /// <summary>The object that holds this attribute in <paramref name="resource"/>: the resource itself or its extension object.</summary>
    public JsonObject? GetContainer(JsonObject resource, bool create = false)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (!IsExtension)
        {
            return resource;
        }

        if (resource[Schema.Id] is JsonObject extension)
        {
            return extension;
        }

        if (!create)
        {
            return null;
        }

        extension = [];
        resource[Schema.Id] = extension;
        return extension;
    }

    /// <summary>The attribute's value (not the sub-attribute's) in <paramref name="resource"/>, or null when absent.</summary>
    public JsonNode? GetAttributeValue(JsonObject resource) => GetContainer(resource)?[Attribute.Name];
}

/// <summary>Resolves client-written attribute paths (any case, optionally URN-qualified) to schema definitions.</summary>
public static class AttributeResolver
{
    /// <summary>Resolves <paramref name="path"/>; null when no schema of the type defines it.</summary>
    public static ResolvedAttribute? Resolve(AttributePath path, ResourceTypeDefinition resourceType)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(resourceType);

        SchemaDefinition schema;
        if (path.SchemaUrn is null)
        {
            schema = resourceType.Schema;
        }
        else
        {
            var found = resourceType.FindSchema(path.SchemaUrn);
            if (found is null)
            {
                return null;
            }

            schema = found;
        }

        var isExtension = !ReferenceEquals(schema, resourceType.Schema);
        var attribute = schema.FindAttribute(path.Name) ?? (isExtension ? null : CommonAttributes.Find(path.Name));
        if (attribute is null)
        {
            return null;
        }

        AttributeDefinition? sub = null;
        if (path.SubAttribute is not null)
        {
            sub = attribute.FindSubAttribute(path.SubAttribute);
            if (sub is null)
            {
                return null;
            }
        }

        return new ResolvedAttribute(schema, attribute, sub, isExtension);
    }

    /// <summary>Resolves a path written as text (e.g. "name.givenName", "urn:…:User:manager.value"); null when unknown or malformed.</summary>
    public static ResolvedAttribute? Resolve(string path, ResourceTypeDefinition resourceType) =>
        TryParsePath(path, resourceType, out var parsed) ? Resolve(parsed, resourceType) : null;

    /// <summary>
    /// Splits a plain attribute path (no value filter) into URN, name and sub-attribute. A URN prefix is recognised
    /// by matching the resource type's schema ids (so "urn:…:enterprise:2.0:User:manager.value" splits correctly);
    /// an unknown "urn:" prefix is split at its last ':'.
    /// </summary>
    public static bool TryParsePath(string? text, ResourceTypeDefinition? resourceType, [NotNullWhen(true)] out AttributePath? path)
    {
        path = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        string? urn = null;
        var rest = text;
        if (text.StartsWith("urn:", StringComparison.OrdinalIgnoreCase))
        {
            if (resourceType is not null)
            {
                foreach (var schema in resourceType.AllSchemas)
                {
                    if (text.Length > schema.Id.Length + 1 && text.StartsWith(schema.Id, StringComparison.OrdinalIgnoreCase) && text[schema.Id.Length] == ':')
                    {
                        urn = schema.Id;
                        rest = text[(schema.Id.Length + 1)..];
                        break;
                    }
                }
            }

            if (urn is null)
            {
                var dot = text.IndexOf('.', StringComparison.Ordinal);
                var lastColon = dot < 0 ? text.LastIndexOf(':') : text.LastIndexOf(':', dot);
                if (lastColon <= 4 || lastColon == text.Length - 1)
                {
                    return false;
                }

                urn = text[..lastColon];
                rest = text[(lastColon + 1)..];
            }
        }

        var parts = rest.Split('.');
        if (parts.Length > 2 || !parts.All(IsAttributeName))
        {
            return false;
        }

        path = new AttributePath(urn, parts[0], parts.Length == 2 ? parts[1] : null);
        return true;
    }

    /// <summary>RFC 7643 ATTRNAME = ALPHA *(nameChar), nameChar = "-" / "_" / DIGIT / ALPHA; "$ref" is allowed too.</summary>
    public static bool IsAttributeName(string name)
    {
        if (name == "$ref")
        {
            return true;
        }

        if (name.Length == 0 || !char.IsAsciiLetter(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }
}
