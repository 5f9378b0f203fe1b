using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ScimFunctions.Storage.Tokens;

/// <summary>
/// The stored form of a <see cref="TenantTokenSet"/>, shared by every token store:
/// <c>{"v":1,"tokens":[{"id":"tok-…","sha256":"&lt;64 hex digits&gt;","created":"&lt;ISO 8601&gt;","expires":null,"scope":"scim"}]}</c>
/// (a token without <c>scope</c>, stored before scopes existed, is <c>scim</c>).
/// It holds hashes only; a plaintext token never reaches it.
/// </summary>
public static class TokenSetJson
{
    private const int FormatVersion = 1;

    // Only ids, hex and ISO dates are written; relaxed escaping keeps them readable ('+' in offsets) in the vault's portal.
    private static readonly JsonSerializerOptions s_writeOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize(TenantTokenSet tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var array = new JsonArray();
        foreach (var token in tokens.Tokens)
        {
            array.Add(new JsonObject
            {
                ["id"] = token.TokenId,
                ["sha256"] = Convert.ToHexStringLower(token.Sha256),
                ["created"] = token.Created.ToString("O", CultureInfo.InvariantCulture),
                ["expires"] = token.Expires?.ToString("O", CultureInfo.InvariantCulture),
                ["scope"] = TokenScopes.Name(token.Scope),
            });
        }

        return new JsonObject { ["v"] = FormatVersion, ["tokens"] = array }.ToJsonString(s_writeOptions);
    }

    /// <summary>Reads a stored set; throws <see cref="FormatException"/> when the stored value is not one (a fault, not a client error).</summary>
    public static TenantTokenSet Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            var root = JsonNode.Parse(json)?.AsObject() ?? throw new FormatException("The stored token set is empty.");
            if ((int?)root["v"] != FormatVersion)
            {
                throw new FormatException("The stored token set has an unknown format version.");
            }

            var tokens = root["tokens"]?.AsArray() ?? throw new FormatException("The stored token set has no tokens array.");
            return new TenantTokenSet(tokens.Select(ReadToken).ToList());
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            throw new FormatException("The stored token set is not valid JSON of the expected shape.", ex);
        }
    }

    private static TokenRecord ReadToken(JsonNode? node)
    {
        var token = node?.AsObject() ?? throw new FormatException("A stored token is not an object.");
        var expires = (string?)token["expires"];
        return new TokenRecord(
            (string?)token["id"] ?? throw new FormatException("A stored token has no id."),
            Convert.FromHexString((string?)token["sha256"] ?? throw new FormatException("A stored token has no hash.")),
            DateTimeOffset.Parse((string?)token["created"] ?? throw new FormatException("A stored token has no creation time."), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            expires is null ? null : DateTimeOffset.Parse(expires, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            ReadScope((string?)token["scope"]));
    }

    // A token stored before scopes existed has none: it is an IdP's SCIM token.
    private static TokenScope ReadScope(string? text)
    {
        if (text is null)
        {
            return TokenScope.Scim;
        }

        return TokenScopes.TryParse(text, out var scope) ? scope : throw new FormatException("A stored token has an unknown scope.");
    }
}
