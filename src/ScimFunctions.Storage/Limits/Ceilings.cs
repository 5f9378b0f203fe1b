using ScimFunctions.Core.Errors;
using ScimFunctions.Storage.Tenants;

namespace ScimFunctions.Storage.Limits;

/// <summary>
/// The hard ceilings of every limit an operator can set, declared once. A tenant policy above a ceiling is refused
/// when it is set (<see cref="Check"/>, from the registry: operator API and scimctl alike) and clamped when it is read
/// (<see cref="Clamp"/>, for rows written before a ceiling existed). Host settings are checked against the same values.
/// docs/http.md lists them.
/// </summary>
public static class Ceilings
{
    /// <summary>Operations in one bulk request (RFC 7644 <c>bulk.maxOperations</c>).</summary>
    public const int BulkMaxOperations = 1_000;

    /// <summary>Bytes of one bulk request body (RFC 7644 <c>bulk.maxPayloadSize</c>).</summary>
    public const int BulkMaxPayloadBytes = 4 * 1_048_576;

    /// <summary>Bytes of any other request body.</summary>
    public const int MaxRequestBytes = 4 * 1_048_576;

    /// <summary>A tenant's sustained requests per second per instance (also what a policy without a rate gets).</summary>
    public const double RequestsPerSecond = 100_000;

    /// <summary>Resources of one type a quota may allow.</summary>
    public const long MaxResources = 1_000_000_000;

    /// <summary>Storage requests one HTTP request may cause (a whole bulk request included).</summary>
    public const int StorageRequestsPerRequest = 20_000;

    /// <summary>Seconds of storage work one HTTP request may take.</summary>
    public const int RequestSeconds = 300;

    /// <summary>Registry reads per second for tenants this instance has not cached (unauthenticated, instance-wide).</summary>
    public const double UnknownTenantLookupsPerSecond = 10_000;

    /// <summary>Refuses a policy above a ceiling (or not a positive number where one is needed): 400 naming the field.</summary>
    public static void Check(TenantPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        Require(policy.BulkMaxOperations is >= 1 and <= BulkMaxOperations, "bulkMaxOperations", $"from 1 to {BulkMaxOperations}");
        Require(policy.BulkMaxPayloadBytes is >= 1 and <= BulkMaxPayloadBytes, "bulkMaxPayloadBytes", $"from 1 to {BulkMaxPayloadBytes}");
        Require(policy.MaxRequestBytes is >= 1 and <= MaxRequestBytes, "maxRequestBytes", $"from 1 to {MaxRequestBytes}");
        Require(policy.RequestsPerSecond is > 0 and <= RequestsPerSecond, "requestsPerSecond", $"greater than 0 and at most {RequestsPerSecond}");
        Require(policy.MaxUsers is null or (>= 0 and <= MaxResources), "maxUsers", $"from 0 to {MaxResources}");
        Require(policy.MaxGroups is null or (>= 0 and <= MaxResources), "maxGroups", $"from 0 to {MaxResources}");
    }

    /// <summary>The policy with every value brought within its ceiling (a missing or non-positive rate becomes the ceiling).</summary>
    public static TenantPolicy Clamp(TenantPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy with
        {
            BulkMaxOperations = Math.Clamp(policy.BulkMaxOperations, 1, BulkMaxOperations),
            BulkMaxPayloadBytes = Math.Clamp(policy.BulkMaxPayloadBytes, 1, BulkMaxPayloadBytes),
            MaxRequestBytes = Math.Clamp(policy.MaxRequestBytes, 1, MaxRequestBytes),
            RequestsPerSecond = policy.RequestsPerSecond is > 0 and <= RequestsPerSecond ? policy.RequestsPerSecond : RequestsPerSecond,
            MaxUsers = policy.MaxUsers is { } users ? Math.Clamp(users, 0, MaxResources) : null,
            MaxGroups = policy.MaxGroups is { } groups ? Math.Clamp(groups, 0, MaxResources) : null,
        };
    }

    private static void Require(bool condition, string field, string range)
    {
        if (!condition)
        {
            throw ScimException.InvalidValue($"Policy value '{field}' must be {range}.");
        }
    }
}
