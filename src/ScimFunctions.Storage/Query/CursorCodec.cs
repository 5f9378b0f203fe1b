using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ScimFunctions.Storage.Query;

/// <summary>What a cursor carries: the tenant and query it is bound to, where to resume, and when it expires.</summary>
internal sealed record CursorPayload(string Tenant, string Scope, string Position, long Expires);

/// <summary>
/// RFC 9865 cursors: the payload as base64url JSON plus an HMAC-SHA256 over it with the stamp's key. A cursor is opaque,
/// cannot be forged or altered (invalidCursor), only works for the tenant and query it was issued for (invalidCursor),
/// and expires (expiredCursor). It grants nothing: the request carrying it is authorized on its own.
/// </summary>
internal static class CursorCodec
{
    public static string Encode(CursorPayload payload, byte[] key)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(payload);
        return Base64Url.EncodeToString(body) + "." + Base64Url.EncodeToString(HMACSHA256.HashData(key, body));
    }

    public static CursorPayload Decode(string cursor, byte[] key, string tenant, string scope, DateTimeOffset now)
    {
        var dot = cursor.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || cursor.Length > 4096)
        {
            throw Invalid();
        }

        byte[] body;
        byte[] signature;
        try
        {
            body = Base64Url.DecodeFromChars(cursor.AsSpan(0, dot));
            signature = Base64Url.DecodeFromChars(cursor.AsSpan(dot + 1));
        }
        catch (FormatException)
        {
            throw Invalid();
        }

        if (!CryptographicOperations.FixedTimeEquals(signature, HMACSHA256.HashData(key, body)))
        {
            throw Invalid();
        }

        CursorPayload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<CursorPayload>(body);
        }
        catch (JsonException)
        {
            throw Invalid();
        }

        if (payload is null || !string.Equals(payload.Tenant, tenant, StringComparison.Ordinal) || !string.Equals(payload.Scope, scope, StringComparison.Ordinal))
        {
            throw Invalid();
        }

        if (payload.Expires < now.ToUnixTimeSeconds())
        {
            throw new ScimException(400, ScimType.ExpiredCursor, "The cursor has expired. Start again from the first page.");
        }

        return payload;
    }

    /// <summary>A short, stable fingerprint of a query (type, filter, sort) that a cursor is bound to.</summary>
    public static string Scope(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));

    private static ScimException Invalid() => new(400, ScimType.InvalidCursor, "The cursor is not valid for this query.");
}
