
namespace ScimFunctions.Storage.Limits;

/// <summary>
/// The hard ceilings of every limit an operator can set, declared once. A tenant policy above a ceiling is refused
/// when it is set (<see cref="TenantPolicyRules.Validate"/>, from the registry: operator API and scimctl alike) and
/// clamped when it is read (<see cref="Clamp"/>, for rows written before a ceiling existed). Host settings are checked against the same values.
/// docs/http.md lists them.
/// </summary>
public static class Ceilings
{
    /// <summary>Operations in one bulk request (RFC 7644 <c>bulk.maxOperations</c>).</summary>
    public const int BulkMaxOperations = 1_000;

    /// <summary>Bytes of one bulk request body (RFC 7644 <c>bulk.maxPayloadSize</c>).</summary>
    public const int BulkMaxPayloadBytes = 10 * 1_048_576;

    /// <summary>Bytes of any other request body.</summary>
    public const int MaxRequestBytes = 10 * 1_048_576;

    /// <summary>The smallest body limit a policy may set (bytes): below it no SCIM request fits.</summary>
    public const int MinBodyBytes = 1_024;

    /// <summary>A tenant's sustained requests per second per instance (also what a policy without a rate gets).</summary>
    public const double RequestsPerSecond = 1_000_000;

    /// <summary>Resources of one type a quota may allow.</summary>
    public const long MaxResources = 1_000_000_000;

    /// <summary>Storage requests one HTTP request may cause (a whole bulk request included).</summary>
    public const int StorageRequestsPerRequest = 20_000;

    /// <summary>Seconds of storage work one HTTP request may take.</summary>
    public const int RequestSeconds = 300;

    /// <summary>Registry reads per second for tenants this instance has not cached (unauthenticated, instance-wide).</summary>
    public const double UnknownTenantLookupsPerSecond = 10_000;

    /// <summary>The longest change-row retention a policy may ask for, in days (ten years).</summary>
    public const int ChangeRetentionDays = 3650;

    /// <summary>The policy with every value brought within its ceiling (a negative or non-finite rate becomes the ceiling; 0 stays "no limit").</summary>
    public static TenantPolicy Clamp(TenantPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy with
        {
            BulkMaxOperations = Math.Clamp(policy.BulkMaxOperations, 1, BulkMaxOperations),
            BulkMaxPayloadBytes = Math.Clamp(policy.BulkMaxPayloadBytes, MinBodyBytes, BulkMaxPayloadBytes),
            MaxRequestBytes = Math.Clamp(policy.MaxRequestBytes, MinBodyBytes, MaxRequestBytes),
            ChangeRetentionDays = Math.Clamp(policy.ChangeRetentionDays, 1, ChangeRetentionDays),
            RequestsPerSecond = policy.RequestsPerSecond is >= 0 and <= RequestsPerSecond ? policy.RequestsPerSecond : RequestsPerSecond,
            MaxUsers = policy.MaxUsers is { } users ? Math.Clamp(users, 0, MaxResources) : null,
            MaxGroups = policy.MaxGroups is { } groups ? Math.Clamp(groups, 0, MaxResources) : null,
        };
    }
}
