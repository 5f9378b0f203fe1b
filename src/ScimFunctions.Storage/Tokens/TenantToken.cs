using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace ScimFunctions.Storage.Tokens;

/// <summary>
/// The tenant token format: <c>scim_{tenantId}_{secret}</c>, where the secret is 256 bits from the operating
/// system's CSPRNG written as 64 lowercase hex digits. Hex (not base64url) keeps <c>_</c> a pure separator: a tenant
/// id never contains <c>_</c> and neither does the secret, so a token splits unambiguously, is selectable by a
/// double click and survives URL, shell and CSV quoting untouched. Only the SHA-256 of the whole string is stored.
/// </summary>
public static class TenantToken
{
    public const string Prefix = "scim_";

    /// <summary>Bytes of randomness in a token's secret (256 bits).</summary>
    public const int SecretBytes = 32;

    private const int SecretLength = SecretBytes * 2;

    /// <summary>The longest well-formed token: the prefix, a 63-character tenant id, a separator and the secret.</summary>
    public const int MaxLength = 5 + 63 + 1 + SecretLength;

    /// <summary>A new token for the tenant. The caller shows it once and keeps only <see cref="Hash"/>.</summary>
    public static string Create(TenantId tenant)
    {
        Span<byte> secret = stackalloc byte[SecretBytes];
        RandomNumberGenerator.Fill(secret);
        var token = string.Concat(Prefix, tenant.Value, "_", Convert.ToHexStringLower(secret));
        CryptographicOperations.ZeroMemory(secret);
        return token;
    }

    /// <summary>
    /// Reads the tenant a token names without judging the secret. False for anything not shaped like a token, so a
    /// malformed credential never reaches a store.
    /// </summary>
    public static bool TryReadTenant([NotNullWhen(true)] string? token, out TenantId tenant)
    {
        tenant = default;
        if (token is null || token.Length > MaxLength || !token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = token.AsSpan(Prefix.Length);
        var separator = rest.IndexOf('_');
        if (separator < 0)
        {
            return false;
        }

        var secret = rest[(separator + 1)..];
        if (secret.Length != SecretLength || !IsLowerHex(secret))
        {
            return false;
        }

        return TenantId.TryParse(rest[..separator].ToString(), out tenant);
    }

    /// <summary>SHA-256 of the token's UTF-8 bytes: what the token stores hold.</summary>
    public static byte[] Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return SHA256.HashData(Encoding.UTF8.GetBytes(token));
    }

    private static bool IsLowerHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is not (>= '0' and <= '9' or >= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }
}
