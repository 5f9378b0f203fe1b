namespace ScimFunctions.LoadTool.Metrics;

/// <summary>Percentiles by the nearest-rank method: the smallest sample such that at least p% of samples are ≤ it.</summary>
internal static class Percentiles
{
    /// <summary>The <paramref name="percentile"/> (0 &lt; p ≤ 100) of ascending <paramref name="sorted"/> samples; 0 when there are none.</summary>
    public static double NearestRank(IReadOnlyList<double> sorted, double percentile)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(percentile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        if (sorted.Count == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}
