namespace ScimFunctions.Core;

/// <summary>What to do with attributes that no schema of the resource type defines.</summary>
public enum UnknownAttributePolicy
{
    /// <summary>Drop them silently (what Entra ID and Okta need: they send attributes a server may not know).</summary>
    Ignore,

    /// <summary>Answer 400 invalidSyntax (for strict clients that want to know).</summary>
    Reject,
}

/// <summary>
/// Per-tenant switches where strict and lenient clients conflict. The defaults serve Microsoft Entra ID and Okta
/// out of the box; each of these lenient behaviours can be turned off for a strict tenant (docs/idp-behaviours.md
/// lists them and the accommodations that need no switch).
/// </summary>
public sealed record CompatibilityOptions
{
    public static CompatibilityOptions Default { get; } = new();

    public UnknownAttributePolicy UnknownAttributes { get; init; } = UnknownAttributePolicy.Ignore;

    /// <summary>Accept "True"/"False" strings (any case) where a boolean is expected (Entra ID default traffic).</summary>
    public bool BooleanStrings { get; init; } = true;

    /// <summary>Accept PATCH op names in any case ("Replace", "Add", "Remove").</summary>
    public bool CaseInsensitivePatchOps { get; init; } = true;

    /// <summary>
    /// <c>{"op":"remove","path":"members","value":[{"value":"id"}]}</c> removes only the listed members
    /// (Entra ID, JumpCloud). When false, the strict RFC reading applies and the value is rejected.
    /// </summary>
    public bool RemoveMembersByValueArray { get; init; } = true;

    /// <summary>
    /// Accept an unquoted filter value as a string where the compared attribute is a string and the value cannot be
    /// read otherwise (Okta's <c>userName eq x@example.com</c>, Entra's <c>externalId eq jyoung</c>, authentik's
    /// <c>userName eq akadmin</c>). When false, such a filter is 400 invalidFilter, as RFC 7644 reads it.
    /// </summary>
    public bool UnquotedFilterStrings { get; init; } = true;

    /// <summary>Answer a successful PATCH with 204 No Content (true) or 200 with the resource (false).</summary>
    public bool PatchReturnsNoContent { get; init; } = true;
}
