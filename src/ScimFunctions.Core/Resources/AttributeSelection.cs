namespace ScimFunctions.Core.Resources;

/// <summary>
/// The parsed <c>attributes</c> / <c>excludedAttributes</c> parameters of a request (RFC 7644 §3.4.2.5, §3.9) and the
/// decision, per attribute and sub-attribute, of what a response contains, honouring RFC 7643 §7 <c>returned</c>:
/// <c>always</c> is always there (cannot be excluded), <c>never</c> never, <c>default</c> unless excluded or another
/// list was asked for, <c>request</c> only when named in <c>attributes</c>.
/// </summary>
/// <remarks>
/// Paths are case-insensitive and may be URN-qualified (<c>urn:…:enterprise:2.0:User:manager</c>), name a
/// sub-attribute (<c>name.givenName</c>, <c>emails.value</c>) or a whole extension schema (its URN). A path no
/// schema of the resource type defines is ignored (identity providers ask for attributes a server may not have);
/// a path that is not an attribute path at all is 400 invalidValue.
/// </remarks>
public sealed class AttributeSelection
{
    private readonly SelectionMode _mode;
    private readonly ResourceTypeDefinition? _resourceType;
    private readonly HashSet<string> _paths;

    private AttributeSelection()
        : this(SelectionMode.Default, null, [])
    {
    }

    private AttributeSelection(SelectionMode mode, ResourceTypeDefinition? resourceType, HashSet<string> paths)
    {
        _mode = mode;
        _resourceType = resourceType;
        _paths = paths;
    }

    private enum SelectionMode
    {
        Default,
        Include,
        Exclude,
    }

    /// <summary>No parameter given: every attribute whose <c>returned</c> is always or default.</summary>
    public static AttributeSelection Default { get; } = new();

    /// <summary>True when neither parameter was given.</summary>
    public bool IsDefault => _mode == SelectionMode.Default;

    /// <summary>Parses the two parameters (comma-separated attribute paths); both given is 400 invalidSyntax.</summary>
    public static AttributeSelection Parse(string? attributes, string? excludedAttributes, ResourceTypeDefinition resourceType) =>
        Parse(Split(attributes), Split(excludedAttributes), resourceType);

    /// <summary>Same as <see cref="Parse(string?, string?, ResourceTypeDefinition)"/> for lists (a SearchRequest body's arrays).</summary>
    public static AttributeSelection Parse(IReadOnlyList<string>? attributes, IReadOnlyList<string>? excludedAttributes, ResourceTypeDefinition resourceType)
    {
        ArgumentNullException.ThrowIfNull(resourceType);
        var included = Clean(attributes);
        var excluded = Clean(excludedAttributes);
        if (included.Count > 0 && excluded.Count > 0)
        {
            throw ScimException.InvalidSyntax("'attributes' and 'excludedAttributes' cannot be used together.");
        }

        if (included.Count == 0 && excluded.Count == 0)
        {
            return new AttributeSelection(SelectionMode.Default, resourceType, []);
        }

        var mode = included.Count > 0 ? SelectionMode.Include : SelectionMode.Exclude;
        var paths = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var text in included.Count > 0 ? included : excluded)
        {
            if (ToKey(text, resourceType) is { } key)
            {
                paths.Add(key);
            }
        }

        return new AttributeSelection(mode, resourceType, paths);
    }

    /// <summary>
    /// True when the projected document will contain the top-level attribute <paramref name="attributeName"/>
    /// (lets the store skip reading e.g. a group's member rows). Accepts plain, dotted and URN-qualified names and
    /// extension URNs. <see cref="Default"/>, which knows no resource type, answers true.
    /// </summary>
    public bool Includes(string attributeName)
    {
        ArgumentException.ThrowIfNullOrEmpty(attributeName);
        if (_resourceType is null)
        {
            return true;
        }

        if (_resourceType.FindSchema(attributeName) is { } schema)
        {
            return schema.Attributes.Any(attribute => IncludesAttribute(schema.Id, attribute));
        }

        var resolved = AttributeResolver.Resolve(attributeName, _resourceType);
        if (resolved is null)
        {
            return _mode != SelectionMode.Include;
        }

        return IncludesAttribute(resolved.Schema.Id, resolved.Attribute)
            && (resolved.SubAttribute is null || IncludesSubAttribute(resolved.Schema.Id, resolved.Attribute, resolved.SubAttribute));
    }

    /// <summary>True when any part of the top-level attribute <paramref name="attribute"/> of schema <paramref name="schemaId"/> is returned.</summary>
    internal bool IncludesAttribute(string schemaId, AttributeDefinition attribute) => attribute.Returned switch
    {
        Returned.Never => false,
        Returned.Always => true,
        _ => _mode switch
        {
            SelectionMode.Include => SelectsWhole(schemaId, attribute) || SelectsAnySubAttribute(schemaId, attribute),
            SelectionMode.Exclude => attribute.Returned == Returned.Default && !SelectsWhole(schemaId, attribute),
            _ => attribute.Returned == Returned.Default,
        },
    };

    /// <summary>True when sub-attribute <paramref name="sub"/> of an included attribute is returned.</summary>
    internal bool IncludesSubAttribute(string schemaId, AttributeDefinition attribute, AttributeDefinition sub) => sub.Returned switch
    {
        Returned.Never => false,
        Returned.Always => true,
        _ => _mode switch
        {
            SelectionMode.Include => _paths.Contains(Key(schemaId, attribute.Name, sub.Name))
                || (sub.Returned == Returned.Default && (SelectsWhole(schemaId, attribute) || attribute.Returned == Returned.Always)),
            SelectionMode.Exclude => sub.Returned == Returned.Default && !_paths.Contains(Key(schemaId, attribute.Name, sub.Name)),
            _ => sub.Returned == Returned.Default,
        },
    };

    private bool SelectsWhole(string schemaId, AttributeDefinition attribute) =>
        _paths.Contains(schemaId) || _paths.Contains(Key(schemaId, attribute.Name));

    private bool SelectsAnySubAttribute(string schemaId, AttributeDefinition attribute) =>
        attribute.SubAttributes.Any(sub => _paths.Contains(Key(schemaId, attribute.Name, sub.Name)));

    private static string? ToKey(string text, ResourceTypeDefinition resourceType)
    {
        if (resourceType.FindSchema(text) is { } schema)
        {
            return schema.Id;
        }

        if (!AttributeResolver.TryParsePath(text, resourceType, out var path))
        {
            throw ScimException.InvalidValue($"'{text}' in attributes / excludedAttributes is not an attribute path.");
        }

        var resolved = AttributeResolver.Resolve(path, resourceType);
        return resolved is null ? null : Key(resolved.Schema.Id, resolved.Attribute.Name, resolved.SubAttribute?.Name);
    }

    private static string Key(string schemaId, string attribute, string? sub = null) =>
        sub is null ? schemaId + "|" + attribute : schemaId + "|" + attribute + "|" + sub;

    private static string[]? Split(string? list) => list?.Split(',');

    private static List<string> Clean(IReadOnlyList<string>? list) =>
        list is null ? [] : [.. list.Where(item => !string.IsNullOrWhiteSpace(item)).Select(item => item.Trim())];
}
