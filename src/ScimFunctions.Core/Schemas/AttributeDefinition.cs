namespace ScimFunctions.Core.Schemas;

/// <summary>
/// One attribute of a schema with all of its RFC 7643 §7 characteristics. Immutable.
/// Names are matched case-insensitively (RFC 7643 §2.1); <see cref="Name"/> is the canonical spelling.
/// </summary>
public sealed class AttributeDefinition
{
    public AttributeDefinition(
        string name,
        ScimAttributeType type,
        bool multiValued = false,
        string description = "",
        bool required = false,
        bool caseExact = false,
        Mutability mutability = Mutability.ReadWrite,
        Returned returned = Returned.Default,
        Uniqueness uniqueness = Uniqueness.None,
        IReadOnlyList<string>? canonicalValues = null,
        IReadOnlyList<string>? referenceTypes = null,
        IReadOnlyList<AttributeDefinition>? subAttributes = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Type = type;
        MultiValued = multiValued;
        Description = description;
        Required = required;
        CaseExact = caseExact;
        Mutability = mutability;
        Returned = returned;
        Uniqueness = uniqueness;
        CanonicalValues = canonicalValues ?? [];
        ReferenceTypes = referenceTypes ?? [];
        SubAttributes = subAttributes ?? [];
        if (type != ScimAttributeType.Complex && SubAttributes.Count > 0)
        {
            throw new ArgumentException($"Attribute '{name}' has sub-attributes but is not complex.", nameof(subAttributes));
        }
    }

    public string Name { get; }
    public ScimAttributeType Type { get; }
    public bool MultiValued { get; }
    public string Description { get; }
    public bool Required { get; }
    public bool CaseExact { get; }
    public Mutability Mutability { get; }
    public Returned Returned { get; }
    public Uniqueness Uniqueness { get; }
    public IReadOnlyList<string> CanonicalValues { get; }
    public IReadOnlyList<string> ReferenceTypes { get; }
    public IReadOnlyList<AttributeDefinition> SubAttributes { get; }

    /// <summary>Finds a sub-attribute by name, case-insensitively.</summary>
    public AttributeDefinition? FindSubAttribute(string name)
    {
        for (var i = 0; i < SubAttributes.Count; i++) // no enumerator: called per sub-attribute of every document handled
        {
            if (string.Equals(SubAttributes[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return SubAttributes[i];
            }
        }

        return null;
    }

    public override string ToString() => Name;
}
