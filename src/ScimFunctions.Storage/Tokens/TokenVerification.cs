namespace ScimFunctions.Storage.Tokens;

/// <summary>
/// The outcome of checking a presented token. An unknown tenant, a tenant without tokens, an expired, revoked or
/// wrong token all give the same <c>IsValid = false</c> with no further detail, so a caller cannot tell them apart.
/// </summary>
/// <param name="IsValid">True when the token is a live token of the tenant.</param>
/// <param name="TokenId">The id of the matching token (never the token itself), for logs and audit; null when invalid.</param>
/// <param name="Scope">What the matching token may be used for.</param>
public readonly record struct TokenVerification(bool IsValid, string? TokenId, TokenScope Scope = TokenScope.Scim)
{
    public static TokenVerification Invalid => default;
}
