using System.Text.Json.Serialization;

namespace ScimFunctions.Storage.Tokens;

/// <summary>
/// A token just issued. <see cref="Token"/> is the only copy of the plaintext that will ever exist: show it once,
/// never log or store it.
/// </summary>
public sealed record IssuedToken(string TokenId, string Token, DateTimeOffset Created, DateTimeOffset? Expires, TokenScope Scope = TokenScope.Scim)
{
    /// <summary>Keeps the plaintext out of logs and debugger displays that print the record.</summary>
    public override string ToString() => $"IssuedToken {{ TokenId = {TokenId}, Created = {Created:O}, Expires = {Expires:O}, Scope = {TokenScopes.Name(Scope)} }}";
}

/// <summary>What may be shown about a stored token: never its hash.</summary>
public sealed record TokenInfo(string TokenId, DateTimeOffset Created, DateTimeOffset? Expires, bool IsLive, [property: JsonConverter(typeof(TokenScopeJsonConverter))] TokenScope Scope = TokenScope.Scim);
