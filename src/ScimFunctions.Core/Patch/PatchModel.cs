namespace ScimFunctions.Core.Patch;

/// <summary>RFC 7644 §3.5.2 PATCH operation types.</summary>
public enum PatchOperationType
{
    Add,
    Remove,
    Replace,
}

/// <summary>One operation of a PatchOp request, as sent (path not yet resolved against a schema).</summary>
public sealed record PatchOperation(PatchOperationType Op, string? Path, JsonNode? Value);

/// <summary>A group member reference (the <c>members</c> attribute's value, type and display).</summary>
public sealed record MemberReference(string Value, string? Type = null, string? Display = null);

/// <summary>
/// The net effect of a PATCH on an attribute kept outside the document (a group's <c>members</c>, stored as rows):
/// first clear every value when <see cref="Clear"/> is set, then remove <see cref="Removed"/>, then add
/// <see cref="Added"/>. Adding an existing value and removing an absent one are no-ops.
/// </summary>
public sealed record MembershipDelta(bool Clear, IReadOnlyList<MemberReference> Added, IReadOnlyList<string> Removed)
{
    public bool IsEmpty => !Clear && Added.Count == 0 && Removed.Count == 0;
}

/// <summary>Options of one PATCH application.</summary>
public sealed record PatchOptions
{
    public CompatibilityOptions Compatibility { get; init; } = CompatibilityOptions.Default;

    /// <summary>
    /// When set (e.g. "members" for groups in the table store), operations on this multi-valued attribute are not
    /// applied to the document but folded into <see cref="PatchResult.Members"/>.
    /// </summary>
    public string? ExternalizedAttribute { get; init; }

    /// <summary>
    /// Resolves a value filter on the externalized attribute that is not a plain <c>value eq "id"</c> (or an
    /// <c>or</c> of those) to the current values it matches. Null: such filters are answered 400 invalidFilter.
    /// </summary>
    public Func<Filters.FilterNode, IReadOnlyList<MemberReference>>? ResolveExternalizedValues { get; init; }
}

/// <summary>The result of applying a PATCH: a new document (the input is never modified) and what changed.</summary>
public sealed record PatchResult(JsonObject Resource, IReadOnlyList<string> ChangedAttributes, MembershipDelta? Members)
{
    /// <summary>True when the document or the externalized attribute changed.</summary>
    public bool HasChanges => ChangedAttributes.Count > 0 || Members is { IsEmpty: false };
}
