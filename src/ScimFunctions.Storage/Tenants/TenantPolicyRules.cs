using System.Globalization;
using ScimFunctions.Core.Errors;

namespace ScimFunctions.Storage.Tenants;

/// <summary>
/// The range of every <see cref="TenantPolicy"/> setting: a value outside it (negative, NaN, infinite, above the
/// ceiling) is refused with 400 invalidValue naming the setting, by the registry, so the operator API and scimctl
/// refuse alike and no stored policy can hold one. The ceilings are hard: no operator can raise a limit past them.
/// </summary>
public static class TenantPolicyRules
{
    /// <summary>Most users or groups a quota may name (null = no quota).</summary>
    public const long MaxResourceQuota = 100_000_000;

    /// <summary>Highest sustained rate per tenant and instance (0 = no rate limit).</summary>
    public const double MaxRequestsPerSecond = 1_000_000;

    /// <summary>Most operations in one bulk request (RFC 7644 §3.7 maxOperations).</summary>
    public const int MaxBulkOperations = 1_000;

    /// <summary>Smallest and largest request body a policy may set, bulk or not (bytes).</summary>
    public const int MinBodyBytes = 1_024;

    public const int MaxBodyBytes = 10 * 1024 * 1024;

    /// <summary>Throws 400 invalidValue naming the first setting outside its range.</summary>
    public static void Validate(TenantPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        Quota(policy.MaxUsers, "maxUsers");
        Quota(policy.MaxGroups, "maxGroups");
        if (!double.IsFinite(policy.RequestsPerSecond) || policy.RequestsPerSecond is < 0 or > MaxRequestsPerSecond)
        {
            throw Invalid("requestsPerSecond", $"a number from 0 (no limit) to {MaxRequestsPerSecond}");
        }

        if ((policy.AllowedOperations & ~AllowedOperations.All) != 0)
        {
            throw Invalid("allowedOperations", "a combination of Read, Create, Update and Delete");
        }

        Range(policy.BulkMaxOperations, 1, MaxBulkOperations, "bulkMaxOperations");
        Range(policy.BulkMaxPayloadBytes, MinBodyBytes, MaxBodyBytes, "bulkMaxPayloadBytes");
        Range(policy.MaxRequestBytes, MinBodyBytes, MaxBodyBytes, "maxRequestBytes");
    }

    private static void Quota(long? value, string name)
    {
        if (value is < 0 or > MaxResourceQuota)
        {
            throw Invalid(name, $"a whole number from 0 to {MaxResourceQuota}, or null for no quota");
        }
    }

    private static void Range(int value, int min, int max, string name)
    {
        if (value < min || value > max)
        {
            throw Invalid(name, $"a whole number from {min} to {max}");
        }
    }

    private static ScimException Invalid(string name, string range) =>
        ScimException.InvalidValue(string.Create(CultureInfo.InvariantCulture, $"The policy setting '{name}' must be {range}."));
}
