using ScimFunctions.Core.Resources;

namespace ScimFunctions.Core.Filters;

/// <summary>
/// What an attribute path of a filter refers to in one document: the definition comparisons use (<see cref="Target"/>),
/// the values to compare (<see cref="Values"/>, flattened over multi-valued attributes), and the raw values a presence test
/// looks at (<see cref="PresenceValues"/>). <see cref="DisplayPath"/> names the path in error details.
/// </summary>
internal readonly record struct FilterOperand(AttributeDefinition Target, IEnumerable<JsonNode?> Values, IEnumerable<JsonNode?> PresenceValues, string DisplayPath)
{
    /// <summary>
    /// Resolves a path at the top of a resource. A sub-attribute of a multi-valued complex attribute yields that
    /// sub-attribute of every value (RFC 7644 §3.4.2.2: any may match). A complex attribute without a sub-attribute
    /// compares its <c>value</c> sub-attribute (<c>members eq "id"</c>, <c>manager eq "id"</c>). A <c>returned: never</c>
    /// attribute is 400 invalidFilter (<see cref="NeverReturnedValues"/>).
    /// </summary>
    public static FilterOperand? Resolve(AttributePath path, JsonObject resource, ResourceTypeDefinition resourceType)
    {
        var resolved = AttributeResolver.Resolve(path, resourceType);
        if (resolved is null)
        {
            return null;
        }

        if (NeverReturnedValues.IsNeverReturned(resolved))
        {
            throw NeverReturnedValues.NotFilterable(resolved.QualifiedName);
        }

        var elements = Elements(resolved.GetAttributeValue(resource));
        var display = resolved.QualifiedName;
        if (resolved.SubAttribute is { } sub)
        {
            var subValues = SubValues(elements, sub);
            return new FilterOperand(sub, subValues, subValues, display);
        }

        return ForAttribute(resolved.Attribute, elements, display);
    }

    /// <summary>Resolves a path inside a value filter (<c>emails[type eq "work"]</c>): a sub-attribute of one value.</summary>
    public static FilterOperand? ResolveInValue(AttributePath path, JsonNode? value, AttributeDefinition attribute)
    {
        if (path.SchemaUrn is not null || path.SubAttribute is not null)
        {
            return null;
        }

        var display = attribute.Name + "." + path.Name;
        if (attribute.Type != ScimAttributeType.Complex)
        {
            // The values of a multi-valued simple attribute are addressed as "value".
            return string.Equals(path.Name, "value", StringComparison.OrdinalIgnoreCase)
                ? new FilterOperand(attribute, [value], [value], display)
                : null;
        }

        var sub = attribute.FindSubAttribute(path.Name);
        if (sub is null)
        {
            return null;
        }

        if (NeverReturnedValues.IsNeverReturned(sub))
        {
            throw NeverReturnedValues.NotFilterable(attribute.Name + "." + sub.Name);
        }

        var subValues = SubValues([value], sub);
        return new FilterOperand(sub, subValues, subValues, attribute.Name + "." + sub.Name);
    }

    /// <summary>The values of an attribute: each element of an array, or the value itself.</summary>
    public static IEnumerable<JsonNode?> Elements(JsonNode? value) => value switch
    {
        null => Array.Empty<JsonNode?>(),
        JsonArray array => array,
        _ => new[] { value },
    };

    private static FilterOperand ForAttribute(AttributeDefinition attribute, IEnumerable<JsonNode?> elements, string display)
    {
        if (attribute.Type == ScimAttributeType.Complex && attribute.FindSubAttribute("value") is { } valueSub)
        {
            if (NeverReturnedValues.IsNeverReturned(valueSub))
            {
                throw NeverReturnedValues.NotFilterable(display + ".value");
            }

            return new FilterOperand(valueSub, SubValues(elements, valueSub), elements, display);
        }

        return new FilterOperand(attribute, elements, elements, display);
    }

    private static IEnumerable<JsonNode?> SubValues(IEnumerable<JsonNode?> elements, AttributeDefinition sub)
    {
        foreach (var element in elements)
        {
            if (element is JsonObject complex)
            {
                foreach (var value in Elements(complex[sub.Name]))
                {
                    yield return value;
                }
            }
        }
    }
}
