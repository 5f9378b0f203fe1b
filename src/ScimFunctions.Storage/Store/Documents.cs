using ScimFunctions.Storage.Membership;

namespace ScimFunctions.Storage.Store;

/// <summary>Helpers over normalized documents: taking out the attribute kept as rows, and comparing versions of a document.</summary>
internal static class Documents
{
    /// <summary>Removes <c>members</c> from a group document and returns them as relations (deduplicated by id).</summary>
    public static List<Relation> TakeMembers(JsonObject document, string groupId)
    {
        var relations = new List<Relation>();
        if (document[TypeInfo.MembersAttribute] is JsonArray array)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in array)
            {
                if (item is not JsonObject member || member["value"] is not JsonValue value || !value.TryGetValue<string>(out var id) || id.Length == 0)
                {
                    throw ScimException.InvalidValue("Each member needs a 'value' with the member's id.");
                }

                if (string.Equals(id, groupId, StringComparison.Ordinal))
                {
                    throw ScimException.InvalidValue("A group cannot be a member of itself.");
                }

                if (!Keys.KeyEncoding.IsResourceId(id))
                {
                    throw ScimException.InvalidValue($"Member '{id}' does not exist.");
                }

                if (seen.Add(id))
                {
                    relations.Add(ToRelation(id, member["type"]?.GetValue<string>(), member["display"]?.GetValue<string>()));
                }
            }
        }

        document.Remove(TypeInfo.MembersAttribute);
        return relations;
    }

    public static Relation ToRelation(string id, string? type, string? display)
    {
        var canonical = Relation.CanonicalType(type);
        return new Relation(id, canonical ?? Relation.User, display, TypeGuessed: canonical is null);
    }

    /// <summary>Top-level attributes whose values differ between two documents (id, meta and schemas excluded).</summary>
    public static List<string> ChangedAttributes(JsonObject before, JsonObject after)
    {
        var changed = new List<string>();
        foreach (var name in before.Select(p => p.Key).Union(after.Select(p => p.Key), StringComparer.Ordinal))
        {
            if (name is "id" or "meta" or "schemas")
            {
                continue;
            }

            if (!JsonNode.DeepEquals(before[name], after[name]))
            {
                changed.Add(name);
            }
        }

        return changed;
    }

    /// <summary>The document's <c>active</c> value (users); absent counts as active.</summary>
    public static bool IsActive(JsonObject document) =>
        document["active"] is not JsonValue value || !value.TryGetValue<bool>(out var active) || active;

    /// <summary>The document's <c>externalId</c>, or null.</summary>
    public static string? ExternalIdOf(JsonObject document) =>
        document["externalId"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
