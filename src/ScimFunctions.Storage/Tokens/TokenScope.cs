using System.Text.Json;
using System.Text.Json.Serialization;

namespace ScimFunctions.Storage.Tokens;

/// <summary>
/// What a tenant token may be used for, chosen when it is issued and stored with its hash. A token stored before
/// scopes existed is <see cref="Scim"/>.
/// </summary>
[JsonConverter(typeof(TokenScopeJsonConverter))]
public enum TokenScope
{
    /// <summary>The SCIM routes (an IdP's token), and the MCP tools when the tenant's policy allows MCP.</summary>
    Scim,

    /// <summary>The MCP read tools only; refused (401) on every SCIM route.</summary>
    Read,

    /// <summary>The MCP read and write tools; refused (401) on every SCIM route.</summary>
    Write,
}

/// <summary>The text form of a <see cref="TokenScope"/>: <c>scim</c>, <c>read</c>, <c>write</c>.</summary>
public static class TokenScopes
{
    public static string Name(TokenScope scope) => scope switch
    {
        TokenScope.Read => "read",
        TokenScope.Write => "write",
        _ => "scim",
    };

    /// <summary>Parses <c>scim</c>, <c>read</c> or <c>write</c> (case-insensitive); false for anything else.</summary>
    public static bool TryParse(string? text, out TokenScope scope)
    {
        scope = TokenScope.Scim;
        switch (text?.ToUpperInvariant())
        {
            case "SCIM":
                return true;
            case "READ":
                scope = TokenScope.Read;
                return true;
            case "WRITE":
                scope = TokenScope.Write;
                return true;
            default:
                return false;
        }
    }
}

/// <summary>A <see cref="TokenScope"/> in JSON: <c>"scim"</c>, <c>"read"</c>, <c>"write"</c> (no numbers).</summary>
public sealed class TokenScopeJsonConverter() : JsonStringEnumConverter<TokenScope>(JsonNamingPolicy.CamelCase, allowIntegerValues: false);
