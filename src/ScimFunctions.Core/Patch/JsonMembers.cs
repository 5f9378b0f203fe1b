namespace ScimFunctions.Core.Patch;

/// <summary>Case-insensitive member access on client JSON (RFC 7643 §2.1: attribute names are case-insensitive).</summary>
internal static class JsonMembers
{
    public static JsonNode? Get(JsonObject json, string name) => TryGet(json, name, out var value) ? value : null;

    public static bool TryGet(JsonObject json, string name, out JsonNode? value)
    {
        if (json.TryGetPropertyValue(name, out value))
        {
            return true;
        }

        foreach (var (key, node) in json)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                value = node;
                return true;
            }
        }

        value = null;
        return false;
    }
}
