namespace ScimFunctions.LoadTool.Scale;

/// <summary>
/// How a tenant of one size behaves: seeding, filter latency by kind (<see cref="Filters"/>: indexed eq filters and a
/// filter that scans the partition), and whole-tenant paging.
/// </summary>
internal sealed record ScaleResult(int Users, SeedResult Seed, IReadOnlyList<OperationStats> Filters, PagingResult IndexPaging, PagingResult CursorPaging)
{
    /// <summary>The store's consistency checker over the tenant after the measurements (zero problems expected).</summary>
    public ConsistencySummary? Consistency { get; init; }
}

/// <summary>How the tenant was filled and how long it took.</summary>
internal sealed record SeedResult(string Method, int Users, double Seconds)
{
    public double UsersPerSecond => Seconds <= 0 ? 0 : Users / Seconds;
}

/// <summary>One walk through every user of a tenant.</summary>
internal sealed record PagingResult(string Mode, int PageSize, long UsersRead, long Pages, double Seconds, double P50PageMs, double P95PageMs)
{
    /// <summary>Storage requests of the whole walk (null when the server does not report them).</summary>
    public long? StorageRequests { get; init; }

    public double? StorageRequestsPerPage => StorageRequests is { } total && Pages > 0 ? (double)total / Pages : null;
}
