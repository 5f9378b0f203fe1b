using System.Diagnostics.CodeAnalysis;

namespace ScimFunctions.Core;

/// <summary>
/// A validated tenant identifier: 3–63 characters of <c>a-z 0-9 -</c>, starting and ending with a letter or digit.
/// Holding one proves the format was checked, so it can be used as a table partition key as it is.
/// </summary>
public readonly struct TenantId : IEquatable<TenantId>
{
    private readonly string? _value;

    private TenantId(string value) => _value = value;

    public string Value => _value ?? throw new InvalidOperationException("Default TenantId has no value.");

    public static bool TryParse([NotNullWhen(true)] string? text, out TenantId tenantId)
    {
        tenantId = default;
        if (!IsValid(text))
        {
            return false;
        }

        tenantId = new TenantId(text);
        return true;
    }

    public static TenantId Parse(string text) =>
        TryParse(text, out var tenantId) ? tenantId : throw new FormatException("A tenant id is 3-63 characters of a-z, 0-9 and '-', starting and ending with a letter or digit.");

    public static bool IsValid([NotNullWhen(true)] string? text)
    {
        if (text is null || text.Length is < 3 or > 63)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-'))
            {
                return false;
            }
        }

        return text[0] != '-' && text[^1] != '-';
    }

    /// <summary>
    /// Words no new tenant may take as its id: the first segments of the SCIM routes under <c>scim/v2/</c> that name no
    /// tenant (the token does), so that <c>scim/v2/users/Users</c> cannot mean both a tenant's users and the user
    /// <c>Users</c> of the token's tenant. Routing prefers the literal segment in both hosts.
    /// </summary>
    public static IReadOnlySet<string> Reserved { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "users", "groups", "bulk", "me", "serviceproviderconfig", "resourcetypes", "schemas",
    };

    /// <summary>True when this id is one of the <see cref="Reserved"/> words.</summary>
    public bool IsReserved => Reserved.Contains(Value);

    public bool Equals(TenantId other) => string.Equals(_value, other._value, StringComparison.Ordinal);
    public override bool Equals(object? obj) => obj is TenantId other && Equals(other);
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);
    public override string ToString() => _value ?? string.Empty;
    public static bool operator ==(TenantId left, TenantId right) => left.Equals(right);
    public static bool operator !=(TenantId left, TenantId right) => !left.Equals(right);
}
