namespace ScimFunctions.Core.Patch;

/// <summary>How PATCH decides that two attribute values are the same value.</summary>
internal static class JsonEquality
{
    public static bool Same(JsonNode? left, JsonNode? right) => JsonNode.DeepEquals(left, right);

    /// <summary>
    /// True when <paramref name="existing"/> already holds <paramref name="candidate"/>: equal values, or for complex values
    /// every sub-attribute the candidate gives is equal in the existing value. So adding <c>{"value":"u1"}</c> to members that
    /// hold <c>{"value":"u1","display":"Ann"}</c> is a no-op, while <c>{"value":"a@x","type":"home"}</c> is a new email next to
    /// <c>{"value":"a@x","type":"work"}</c>.
    /// </summary>
    public static bool Covers(JsonNode? existing, JsonNode? candidate)
    {
        if (existing is JsonObject existingObject && candidate is JsonObject candidateObject)
        {
            foreach (var (name, value) in candidateObject)
            {
                if (!existingObject.TryGetPropertyValue(name, out var existingValue) || !Same(existingValue, value))
                {
                    return false;
                }
            }

            return true;
        }

        return Same(existing, candidate);
    }

    /// <summary>
    /// True when a value listed in a remove operation identifies <paramref name="existing"/>: by the <c>value</c>
    /// sub-attribute when the listed value has one, else as <see cref="Covers"/>.
    /// </summary>
    public static bool Identifies(JsonNode? listed, JsonNode? existing)
    {
        if (listed is JsonObject listedObject && listedObject.TryGetPropertyValue("value", out var listedValue) && listedValue is not null)
        {
            return existing is JsonObject existingObject && Same(existingObject["value"], listedValue);
        }

        return Covers(existing, listed);
    }
}
