using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace ScimFunctions.Storage.Keys;

/// <summary>
/// Turns any client-supplied value into a row-key segment that can never contain <c>/ \ # ?</c>, control characters
/// or the segment separator <c>|</c>: ASCII letters, digits and <c>- _ . @</c> stay as they are, every other UTF-8 byte
/// becomes <c>~XX</c>. Segments longer than <see cref="MaxEncodedLength"/> are replaced by <c>~~</c> + the hex SHA-256 of
/// the value; an escaped segment can never start with <c>~~</c>, so the two forms cannot collide.
/// </summary>
internal static class KeyEncoding
{
    public const int MaxEncodedLength = 256;

    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length <= MaxEncodedLength && !value.AsSpan().ContainsAnyExcept(Kept))
        {
            return value; // nothing to escape: the segment is the value itself
        }

        var builder = new StringBuilder(value.Length);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in value.EnumerateRunes())
        {
            if (rune.IsAscii && IsKept((char)rune.Value))
            {
                builder.Append((char)rune.Value);
            }
            else
            {
                var length = rune.EncodeToUtf8(bytes);
                for (var i = 0; i < length; i++)
                {
                    builder.Append('~').Append(UpperHex[bytes[i] >> 4]).Append(UpperHex[bytes[i] & 0xF]);
                }
            }

            if (builder.Length > MaxEncodedLength)
            {
                return Hashed(value);
            }
        }

        return builder.ToString();
    }

    /// <summary>Server-generated ids are lowercase GUIDs ("D" format); any other text is not an id of this store.</summary>
    public static bool IsResourceId(string? id) =>
        id is { Length: 36 } && Guid.TryParseExact(id, "D", out _) && string.Equals(id, id.ToLowerInvariant(), StringComparison.Ordinal);

    public static string NewResourceId() => Guid.NewGuid().ToString("D");

    private const string UpperHex = "0123456789ABCDEF";

    // The characters IsKept keeps.
    private static readonly SearchValues<char> Kept = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.@");

    private static bool IsKept(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '@';

    private static string Hashed(string value) => "~~" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
