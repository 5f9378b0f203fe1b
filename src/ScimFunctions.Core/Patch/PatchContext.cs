using ScimFunctions.Core.Resources;
using ScimFunctions.Core.Values;

namespace ScimFunctions.Core.Patch;

/// <summary>The state of one PATCH application: the working copy, what was touched, the externalized delta.</summary>
internal sealed class PatchContext
{
    private readonly JsonObject _original;
    private readonly List<ResolvedAttribute> _touched = [];
    private readonly HashSet<string> _touchedNames = new(StringComparer.Ordinal);

    public PatchContext(JsonObject original, ResourceTypeDefinition resourceType, PatchOptions options)
    {
        _original = original;
        Document = (JsonObject)original.DeepClone();
        ResourceType = resourceType;
        Options = options;
        Members = options.ExternalizedAttribute is null ? null : new MembershipDeltaBuilder();
    }

    /// <summary>The working copy every operation changes; the caller's document is never touched.</summary>
    public JsonObject Document { get; }

    public ResourceTypeDefinition ResourceType { get; }

    public PatchOptions Options { get; }

    public CompatibilityOptions Compatibility => Options.Compatibility;

    /// <summary>The delta of the externalized attribute; null when no attribute is externalized.</summary>
    public MembershipDeltaBuilder? Members { get; }

    /// <summary>True when operations on <paramref name="resolved"/> go to <see cref="Members"/> instead of the document.</summary>
    public bool IsExternalized(ResolvedAttribute resolved) =>
        Members is not null && !resolved.IsExtension && string.Equals(resolved.Attribute.Name, Options.ExternalizedAttribute, StringComparison.OrdinalIgnoreCase);

    /// <summary>Records that an operation wrote to the top-level attribute of <paramref name="resolved"/>.</summary>
    public void Touch(ResolvedAttribute resolved)
    {
        var topLevel = resolved.SubAttribute is null ? resolved : resolved with { SubAttribute = null };
        if (_touchedNames.Add(topLevel.QualifiedName))
        {
            _touched.Add(topLevel);
        }
    }

    /// <summary>Tidies the copy (empty extensions, <c>schemas</c>), checks whole-resource invariants, and builds the result.</summary>
    public PatchResult Complete()
    {
        RemoveEmptyExtensions();
        var changed = _touched
            .Where(attribute => !JsonEquality.Same(attribute.GetAttributeValue(_original), attribute.GetAttributeValue(Document)))
            .Select(attribute => attribute.QualifiedName)
            .ToList();
        if (changed.Count > 0)
        {
            SynchronizeSchemas();
            ResourceInvariants.Check(Document, ResourceType, stored: true);
        }

        return new PatchResult(Document, changed, Members?.Build());
    }

    private void RemoveEmptyExtensions()
    {
        foreach (var extension in ResourceType.Extensions)
        {
            if (Document[extension.Schema.Id] is JsonObject { Count: 0 })
            {
                Document.Remove(extension.Schema.Id);
            }
        }
    }

    /// <summary>Lists exactly the extensions present in the document in <c>schemas</c> (RFC 7643 §3: schemas names what the resource carries).</summary>
    private void SynchronizeSchemas()
    {
        if (Document["schemas"] is not JsonArray schemas)
        {
            return;
        }

        foreach (var extension in ResourceType.Extensions)
        {
            var urn = extension.Schema.Id;
            var present = Document[urn] is JsonObject;
            var listed = schemas.FirstOrDefault(node => JsonText.TryGetString(node, out var text) && string.Equals(text, urn, StringComparison.OrdinalIgnoreCase));
            if (present && listed is null)
            {
                schemas.Add(urn);
            }
            else if (!present && listed is not null && !extension.Required)
            {
                schemas.Remove(listed);
            }
        }
    }
}
