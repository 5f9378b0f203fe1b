namespace ScimFunctions.Core.Schemas;

/// <summary>
/// One attribute of a schema with all of its RFC 7643 §7 characteristics. Immutable.
/// Names are matched case-insensitively (RFC 7643 §2.1); <see cref="Name"/> is the canonical spelling.
/// </summary>
public sealed class AttributeDefinition(
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
    public string Name { get; } = DefinitionArguments.NotEmpty(name);
    public ScimAttributeType Type { get; } = type;
    public bool MultiValued { get; } = multiValued;
    public string Description { get; } = description;
    public bool Required { get; } = required;
    public bool CaseExact { get; } = caseExact;
    public Mutability Mutability { get; } = mutability;
    public Returned Returned { get; } = returned;
    public Uniqueness Uniqueness { get; } = uniqueness;
    public IReadOnlyList<string> CanonicalValues { get; } = canonicalValues ?? [];
    public IReadOnlyList<string> ReferenceTypes { get; } = referenceTypes ?? [];

    /// <summary>Sub-attributes, which only a complex attribute has.</summary>
    public IReadOnlyList<AttributeDefinition> SubAttributes { get; } = type == ScimAttributeType.Complex || subAttributes is not { Count: > 0 }
        ? subAttributes ?? []
        : throw new ArgumentException($"Attribute '{name}' has sub-attributes but is not complex.", nameof(subAttributes));

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
