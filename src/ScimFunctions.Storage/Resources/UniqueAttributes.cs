
namespace ScimFunctions.Storage.Resources;

/// <summary>
/// The attributes of a resource type that are unique within a tenant and indexed by a row: every core-schema string
/// attribute the schema marks unique (userName), externalId (case-exact, per type), and a Group's displayName
/// (case-insensitive: identity providers match groups by name and expect a duplicate create to be 409).
/// </summary>
internal sealed class UniqueAttributes
{
    private static readonly Dictionary<string, UniqueAttributes> s_cache = new(StringComparer.Ordinal);
    private static readonly Lock s_lock = new();

    private UniqueAttributes(string type, IReadOnlyList<AttributeDefinition> attributes)
    {
        Type = type;
        Attributes = attributes;
    }

    public string Type { get; }

    public IReadOnlyList<AttributeDefinition> Attributes { get; }

    public static UniqueAttributes For(ResourceTypeDefinition resourceType)
    {
        ArgumentNullException.ThrowIfNull(resourceType);
        var type = RowKeys.TypeSegment(resourceType.Name);
        lock (s_lock)
        {
            if (s_cache.TryGetValue(type, out var known))
            {
                return known;
            }

            var attributes = resourceType.Schema.Attributes
                .Where(a => a.Type == ScimAttributeType.String && !a.MultiValued && a.Uniqueness != Uniqueness.None)
                .Append(CommonAttributes.ExternalId)
                .ToList();
            if (string.Equals(resourceType.Name, "Group", StringComparison.OrdinalIgnoreCase) && resourceType.Schema.FindAttribute("displayName") is { } displayName
                && !attributes.Contains(displayName))
            {
                attributes.Add(displayName);
            }

            var created = new UniqueAttributes(type, attributes);
            s_cache[type] = created;
            return created;
        }
    }

    public AttributeDefinition? Find(string name) =>
        Attributes.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The index row key for <paramref name="value"/> of <paramref name="attribute"/> (upper-cased unless case-exact).</summary>
    public string Key(AttributeDefinition attribute, string value) =>
        RowKeys.Index(Type, attribute.Name, KeyEncoding.Encode(attribute.CaseExact ? value : value.ToUpperInvariant()));

    /// <summary>The index rows a document must own: attribute → (row key, value).</summary>
    public IReadOnlyDictionary<string, (string RowKey, string Value)> KeysOf(JsonObject document)
    {
        var keys = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var attribute in Attributes)
        {
            if (document[attribute.Name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0)
            {
                keys[attribute.Name] = (Key(attribute, text), text);
            }
        }

        return keys;
    }
}
