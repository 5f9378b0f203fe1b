using System.Security.Cryptography;
using System.Text;

namespace ScimFunctions.Http.Authentication;

/// <summary>
/// Checks the operator credential: a bearer key whose SHA-256 equals setting <c>Scim:Admin:KeySha256</c>, compared
/// in constant time. A tenant token is never an operator key (its hash is not the configured one).
/// </summary>
public sealed class OperatorAuthenticator(ScimHttpOptions options)
{
    /// <summary>
    /// The operator key's id, the actor of operator actions in the audit log: <c>operator:</c> and the first 12 hex
    /// digits of the SHA-256 of the configured key hash (a fingerprint that reveals nothing of the key or its hash).
    /// </summary>
    public string KeyId { get; } = options.AdminKeySha256 is { } hash ? KeyIdOf(hash) : "operator:none";

    /// <summary>The <see cref="KeyId"/> of an operator key given by its SHA-256.</summary>
    public static string KeyIdOf(byte[] keySha256) => "operator:" + Convert.ToHexStringLower(SHA256.HashData(keySha256))[..12];

    public bool IsOperator(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (options.AdminKeySha256 is not { } expected || BearerToken.From(request) is not { } key)
        {
            return false;
        }

        Span<byte> actual = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), actual);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
