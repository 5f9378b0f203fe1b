using ScimFunctions.Core.Resources;

namespace ScimFunctions.Core.Patch;

/// <summary>
/// Turns a PATCH value as a client wrote it into a normalized value for one attribute, through
/// <see cref="ResourceValidator.NormalizeValue"/>, after the shape leniencies identity providers need. The result is
/// always a fresh node: the request is never modified and can be applied again.
/// </summary>
internal static class PatchValues
{
    /// <summary>
    /// The value of a whole attribute. Multi-valued: an array (a single value counts as one element); null means no values.
    /// Single-valued: one value (Entra's manager <c>[{"$ref":null,"value":"id"}]</c> is its one element).
    /// </summary>
    public static JsonNode? ForAttribute(JsonNode? raw, AttributeDefinition attribute, PatchContext context, string pathText)
    {
        var value = raw?.DeepClone();
        if (!attribute.MultiValued)
        {
            value = AsSingle(value, attribute);
        }

        var normalized = Detached(ResourceValidator.NormalizeValue(value, attribute, context.Compatibility, pathText));
        if (normalized is JsonArray array)
        {
            foreach (var element in array)
            {
                DropNullMembers(element);
            }

            return array.Count == 0 ? null : array;
        }

        DropNullMembers(normalized);
        return normalized is JsonObject { Count: 0 } ? null : normalized;
    }

    /// <summary>One value (element) of a multi-valued complex attribute, or the value of a single-valued complex one.</summary>
    public static JsonObject ForElement(JsonNode? raw, AttributeDefinition attribute, PatchContext context, string pathText)
    {
        var value = AsSingle(raw?.DeepClone(), attribute);
        var normalized = Detached(ResourceValidator.NormalizeValue(value, attribute, context.Compatibility, pathText, asSingleElement: attribute.MultiValued));
        if (normalized is not JsonObject element)
        {
            throw ScimException.InvalidValue($"The value for {PatchErrors.Quote(pathText)} must be a JSON object of sub-attributes.");
        }

        DropNullMembers(element);
        return element;
    }

    /// <summary>The value of one sub-attribute; null means the sub-attribute is to be unassigned.</summary>
    public static JsonNode? ForSubAttribute(JsonNode? raw, AttributeDefinition subAttribute, PatchContext context, string pathText) =>
        ForAttribute(raw, subAttribute, context, pathText);

    /// <summary>
    /// Shape leniency for single values: a one-element array is its element (the normalizer does the same; unwrapping
    /// here lets a bare string inside it be recognised), and a bare string for a complex attribute with a <c>value</c>
    /// sub-attribute is <c>{"value": string}</c> (clients that send the manager's id alone).
    /// </summary>
    private static JsonNode? AsSingle(JsonNode? value, AttributeDefinition attribute)
    {
        if (value is JsonArray { Count: 1 } array)
        {
            value = array[0];
            array.RemoveAt(0);
        }

        if (attribute.Type == ScimAttributeType.Complex && value is JsonValue && attribute.FindSubAttribute("value") is not null)
        {
            value = new JsonObject { ["value"] = value };
        }

        return value;
    }

    private static JsonNode? Detached(JsonNode? node) => node?.Parent is null ? node : node.DeepClone();

    /// <summary>Null and absent are the same state (RFC 7643 §2.5), so null sub-attributes (<c>"$ref": null</c>) are dropped.</summary>
    private static void DropNullMembers(JsonNode? node)
    {
        if (node is not JsonObject json)
        {
            return;
        }

        List<string>? nulls = null;
        foreach (var (name, value) in json)
        {
            if (value is null || value is JsonArray { Count: 0 })
            {
                (nulls ??= []).Add(name);
            }
        }

        foreach (var name in nulls ?? [])
        {
            json.Remove(name);
        }
    }
}
