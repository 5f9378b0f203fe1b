using ScimFunctions.Core.Values;

namespace ScimFunctions.Core.Resources;

/// <summary>
/// The rule for attributes whose schema says <c>returned: never</c> (the User's <c>password</c>, and any such attribute
/// or sub-attribute of a tenant extension schema): this service authenticates nobody, so it never keeps their values.
/// They are accepted on input, taken out before a document is stored (<see cref="Strip"/>), and cannot be filtered or
/// sorted on (RFC 7643 §7: a service provider SHALL NOT make them returnable, and a filter or sort over a value is a way
/// of returning it). The change feed may name them; it never holds a value.
/// </summary>
public static class NeverReturnedValues
{
    /// <summary>True when the attribute or the sub-attribute the path ends at is <c>returned: never</c>.</summary>
    public static bool IsNeverReturned(ResolvedAttribute resolved)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        return IsNeverReturned(resolved.Attribute) || (resolved.SubAttribute is { } sub && IsNeverReturned(sub));
    }

    public static bool IsNeverReturned(AttributeDefinition attribute)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        return attribute.Returned == Returned.Never;
    }

    /// <summary>
    /// Removes every <c>returned: never</c> value from <paramref name="document"/> (a normalized or stored document):
    /// such attributes of the core schema and of every extension, and such sub-attributes of complex values. A complex
    /// value, an element or an extension object left empty goes too (and the extension leaves <c>schemas</c>).
    /// Returns the qualified names of what was removed (e.g. <c>password</c>, <c>urn:…:User:credentials.secret</c>).
    /// </summary>
    public static IReadOnlyList<string> Strip(JsonObject document, ResourceTypeDefinition resourceType)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(resourceType);
        var removed = new List<string>();
        StripContainer(document, resourceType.Schema, prefix: string.Empty, removed);
        foreach (var (key, value) in document.ToList())
        {
            var extension = resourceType.FindSchema(key);
            if (extension is null || ReferenceEquals(extension, resourceType.Schema) || value is not JsonObject container)
            {
                continue;
            }

            var before = removed.Count;
            StripContainer(container, extension, extension.Id + ":", removed);
            if (container.Count == 0 && removed.Count > before)
            {
                document.Remove(key);
                RemoveSchema(document, extension.Id);
            }
        }

        return removed.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The qualified names of the <c>returned: never</c> values <paramref name="document"/> holds (it is not changed).</summary>
    public static IReadOnlyList<string> Find(JsonObject document, ResourceTypeDefinition resourceType)
    {
        ArgumentNullException.ThrowIfNull(document);
        return Strip((JsonObject)document.DeepClone(), resourceType);
    }

    /// <summary>400 invalidFilter: a filter over a never-returned attribute would reveal its value.</summary>
    internal static ScimException NotFilterable(string name) =>
        ScimException.InvalidFilter($"'{name}' is never returned, so it cannot be used in a filter.");

    /// <summary>400 invalidValue: sorting by a never-returned attribute would reveal its order.</summary>
    internal static ScimException NotSortable(string name) =>
        ScimException.InvalidValue($"'{name}' is never returned, so it cannot be used in sortBy.");

    private static void StripContainer(JsonObject container, SchemaDefinition schema, string prefix, List<string> removed)
    {
        foreach (var (key, value) in container.ToList())
        {
            var attribute = schema.FindAttribute(key);
            if (attribute is null)
            {
                continue;
            }

            if (IsNeverReturned(attribute))
            {
                container.Remove(key);
                removed.Add(prefix + attribute.Name);
            }
            else if (attribute.SubAttributes.Any(IsNeverReturned) && StripSubAttributes(value, attribute, prefix + attribute.Name, removed))
            {
                container.Remove(key);
            }
        }
    }

    /// <summary>Strips sub-attributes of a complex value (or of each element); true when nothing is left of the value.</summary>
    private static bool StripSubAttributes(JsonNode? value, AttributeDefinition attribute, string name, List<string> removed)
    {
        switch (value)
        {
            case JsonArray elements:
                foreach (var element in elements.ToList())
                {
                    if (element is JsonObject complex && StripComplex(complex, attribute, name, removed))
                    {
                        elements.Remove(element);
                    }
                }

                return elements.Count == 0;
            case JsonObject single:
                return StripComplex(single, attribute, name, removed);
            default:
                return false;
        }
    }

    private static bool StripComplex(JsonObject complex, AttributeDefinition attribute, string name, List<string> removed)
    {
        var stripped = false;
        foreach (var key in complex.Select(pair => pair.Key).ToList())
        {
            if (attribute.FindSubAttribute(key) is { } sub && IsNeverReturned(sub))
            {
                complex.Remove(key);
                removed.Add(name + "." + sub.Name);
                stripped = true;
            }
        }

        return stripped && complex.Count == 0;
    }

    private static void RemoveSchema(JsonObject document, string urn)
    {
        if (document["schemas"] is JsonArray schemas)
        {
            foreach (var listed in schemas.Where(node => JsonText.TryGetString(node, out var text) && string.Equals(text, urn, StringComparison.OrdinalIgnoreCase)).ToList())
            {
                schemas.Remove(listed);
            }
        }
    }
}
