using ScimFunctions.Core;
using ScimFunctions.Storage;
using ScimFunctions.Storage.Consistency;

namespace ScimFunctions.LoadTool.Running;

/// <summary>The store's <see cref="ConsistencyChecker"/> over the run's tenant, read straight from storage after the run.</summary>
internal static class ConsistencyCheck
{
    private const int MaxProblemsReported = 20;

    public static async Task<ConsistencySummary> RunAsync(string storageConnectionString, string tenant, CancellationToken cancellationToken)
    {
        var storage = TableStorage.Create(new TableStoreOptions { ConnectionString = storageConnectionString });
        var report = await ConsistencyChecker.CheckAsync(storage, TenantId.Parse(tenant), cancellationToken: cancellationToken);
        return new ConsistencySummary(tenant, report.Problems.Count, [.. report.Problems.Take(MaxProblemsReported)], report.ResourcesByType, report.Memberships);
    }

    /// <summary>The tenant id of a SCIM base URL: the segment after /scim/v2/.</summary>
    public static string? TenantOf(Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var segments = baseUrl.AbsolutePath.Trim('/').Split('/');
        var index = Array.FindIndex(segments, s => s.Equals("v2", StringComparison.OrdinalIgnoreCase));
        return index >= 0 && index + 1 < segments.Length && TenantId.IsValid(segments[index + 1]) ? segments[index + 1] : null;
    }
}

/// <summary>What the consistency checker found (zero problems is the only good answer).</summary>
internal sealed record ConsistencySummary(string Tenant, int ProblemCount, IReadOnlyList<string> Problems, IReadOnlyDictionary<string, long> ResourcesByType, long Memberships);
