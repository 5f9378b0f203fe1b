namespace ScimFunctions.Core.Resources;

/// <summary>
/// Normalizes one attribute value against its definition (see <see cref="ResourceValidator.NormalizeValue"/>).
/// The result is always a new node tree; the input is never modified or adopted.
/// </summary>
internal static class ValueNormalizer
{
    public static JsonNode? Normalize(JsonNode? value, AttributeDefinition attribute, CompatibilityOptions options, string path, bool asSingleElement)
    {
        if (value is null)
        {
            return null;
        }

        if (attribute.MultiValued && !asSingleElement)
        {
            return NormalizeMultiValued(value, attribute, options, path);
        }

        if (value is JsonArray array)
        {
            // A single-valued attribute written as an array: [] is absent, [x] is x (Entra ID sends the enterprise
            // manager as [{"$ref":null,"value":"id"}]); more than one value cannot be meant.
            var present = array.Where(element => element is not null).ToList();
            return present.Count switch
            {
                0 => null,
                1 => NormalizeElement(present[0], attribute, options, path),
                _ => throw ScimException.InvalidValue($"Attribute '{path}' is single-valued but {present.Count} values were given."),
            };
        }

        return NormalizeElement(value, attribute, options, path);
    }

    private static JsonArray? NormalizeMultiValued(JsonNode value, AttributeDefinition attribute, CompatibilityOptions options, string path)
    {
        // Lenient: a single value for a multi-valued attribute is a one-element array.
        IEnumerable<JsonNode?> elements = value is JsonArray array ? array : new[] { value };
        var result = new JsonArray();
        foreach (var element in elements)
        {
            if (element is JsonArray)
            {
                throw ScimException.InvalidValue($"Attribute '{path}' must be an array of values, not an array of arrays.");
            }

            if (NormalizeElement(element, attribute, options, path) is { } normalized)
            {
                result.Add(normalized);
            }
        }

        if (result.Count == 0)
        {
            return null;
        }

        PrimaryRule.Check(result, attribute, path);
        return result;
    }

    private static JsonNode? NormalizeElement(JsonNode? value, AttributeDefinition attribute, CompatibilityOptions options, string path)
    {
        if (value is null)
        {
            return null;
        }

        if (attribute.Type == ScimAttributeType.Complex)
        {
            return NormalizeComplex(value, attribute, options, path);
        }

        var coerced = ScalarCoercion.Coerce(value, attribute, options, path);
        return CanonicalValues.Apply(coerced, attribute);
    }

    private static JsonObject? NormalizeComplex(JsonNode value, AttributeDefinition attribute, CompatibilityOptions options, string path)
    {
        if (value is not JsonObject input)
        {
            throw ScimException.InvalidValue($"Attribute '{path}' is complex and must be a JSON object.");
        }

        var result = new JsonObject();
        var absent = false;
        foreach (var (name, subValue) in input)
        {
            var sub = attribute.FindSubAttribute(name);
            if (sub is null)
            {
                UnknownAttributes.Handle(path + "." + name, options);
                continue;
            }

            // readOnly sub-attributes (e.g. manager.displayName) are the server's to set; a readOnly parent's
            // sub-attributes are all readOnly, and whoever normalizes such a value means to keep them.
            if (sub.Mutability == Mutability.ReadOnly && attribute.Mutability != Mutability.ReadOnly)
            {
                continue;
            }

            var subPath = path + "." + sub.Name;
            if (result.ContainsKey(sub.Name))
            {
                throw ScimException.InvalidSyntax($"Attribute '{subPath}' is given more than once.");
            }

            var normalized = Normalize(subValue, sub, options, subPath, asSingleElement: false);
            result[sub.Name] = normalized; // kept while reading, so a repetition of an absent value is still caught
            absent |= normalized is null;
        }

        if (absent)
        {
            foreach (var name in result.Where(pair => pair.Value is null).Select(pair => pair.Key).ToList())
            {
                result.Remove(name);
            }
        }

        return result.Count == 0 ? null : result;
    }
}
