namespace ScimFunctions.LoadTool.Scale;

/// <summary>How a tenant of one size behaves: seeding, filter latency, and whole-tenant paging.</summary>
internal sealed record ScaleResult
{
    public required int Users { get; init; }
    public required SeedResult Seed { get; init; }

    /// <summary>Filter requests by kind (indexed eq filters and a filter that scans the partition).</summary>
    public required IReadOnlyList<OperationStats> Filters { get; init; }

    public required PagingResult IndexPaging { get; init; }
    public required PagingResult CursorPaging { get; init; }

    /// <summary>The store's consistency checker over the tenant after the measurements (zero problems expected).</summary>
    public ConsistencySummary? Consistency { get; init; }
}

/// <summary>How the tenant was filled and how long it took.</summary>
internal sealed record SeedResult(string Method, int Users, double Seconds)
{
    public double UsersPerSecond => Seconds <= 0 ? 0 : Users / Seconds;
}

/// <summary>One walk through every user of a tenant.</summary>
internal sealed record PagingResult
{
    public required string Mode { get; init; }
    public required int PageSize { get; init; }
    public required long UsersRead { get; init; }
    public required long Pages { get; init; }
    public required double Seconds { get; init; }
    public required double P50PageMs { get; init; }
    public required double P95PageMs { get; init; }

    /// <summary>Storage requests of the whole walk (null when the server does not report them).</summary>
    public long? StorageRequests { get; init; }

    public double? StorageRequestsPerPage => StorageRequests is { } total && Pages > 0 ? (double)total / Pages : null;
}
