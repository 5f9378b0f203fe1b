using System.Globalization;
using ScimFunctions.Storage.Limits;

namespace ScimFunctions.Storage.Tenants;

/// <summary>
/// The range of every <see cref="TenantPolicy"/> setting: a value outside it (negative, NaN, infinite, above the
/// ceiling) is refused with 400 invalidValue naming the setting, by the registry, so the operator API and scimctl
/// refuse alike and no stored policy can hold one. The ceilings (<see cref="Ceilings"/>) are hard: no operator can
/// raise a limit past them.
/// </summary>
public static class TenantPolicyRules
{
    /// <summary>Throws 400 invalidValue naming the first setting outside its range.</summary>
    public static void Validate(TenantPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        Quota(policy.MaxUsers, "maxUsers");
        Quota(policy.MaxGroups, "maxGroups");
        if (!double.IsFinite(policy.RequestsPerSecond) || policy.RequestsPerSecond is < 0 or > Ceilings.RequestsPerSecond)
        {
            throw Invalid("requestsPerSecond", $"a number from 0 (no limit) to {Ceilings.RequestsPerSecond}");
        }

        if ((policy.AllowedOperations & ~AllowedOperations.All) != 0)
        {
            throw Invalid("allowedOperations", "a combination of Read, Create, Update and Delete");
        }

        Range(policy.BulkMaxOperations, 1, Ceilings.BulkMaxOperations, "bulkMaxOperations");
        Range(policy.BulkMaxPayloadBytes, Ceilings.MinBodyBytes, Ceilings.BulkMaxPayloadBytes, "bulkMaxPayloadBytes");
        Range(policy.MaxRequestBytes, Ceilings.MinBodyBytes, Ceilings.MaxRequestBytes, "maxRequestBytes");
        Range(policy.ChangeRetentionDays, 1, Ceilings.ChangeRetentionDays, "changeRetentionDays");
    }

    private static void Quota(long? value, string name)
    {
        if (value is < 0 or > Ceilings.MaxResources)
        {
            throw Invalid(name, $"a whole number from 0 to {Ceilings.MaxResources}, or null for no quota");
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
