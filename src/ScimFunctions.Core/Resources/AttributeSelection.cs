using ScimFunctions.Core.Schemas;

namespace ScimFunctions.Core.Resources;

/// <summary>The parsed <c>attributes</c> / <c>excludedAttributes</c> parameters of a request.</summary>
public sealed class AttributeSelection
{
    private AttributeSelection()
    {
    }

    /// <summary>No parameter given: every attribute whose <c>returned</c> is always or default.</summary>
    public static AttributeSelection Default { get; } = new();

    /// <summary>Parses the two parameters (comma-separated attribute paths); both given is 400 invalidSyntax.</summary>
    public static AttributeSelection Parse(string? attributes, string? excludedAttributes, ResourceTypeDefinition resourceType)
        => throw new NotImplementedException();

    /// <summary>
    /// True when the projected document will contain the top-level attribute <paramref name="attributeName"/>
    /// (lets the store skip reading e.g. a group's member rows).
    /// </summary>
    public bool Includes(string attributeName) => throw new NotImplementedException();
}
