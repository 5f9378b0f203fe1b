namespace ScimFunctions.LoadTool.Scenarios;

/// <summary>Sizes of a workload. <see cref="Operations"/> bounds the incremental cycle (default: one pass over the users).</summary>
internal sealed record ScenarioSettings
{
    public required int Users { get; init; }
    public int Groups { get; init; }
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);
    public int PageSize { get; init; } = 100;
    public PagingMode Paging { get; init; } = PagingMode.Index;
    public int? Operations { get; init; }

    /// <summary>
    /// Unmeasured requests before the measured phases (per-operation; default: 1,000 or two phases, whichever is more).
    /// The JIT settles only after tens of thousands of requests, so settled CPU figures need 30,000 or so.
    /// </summary>
    public int? WarmUp { get; init; }
    public int MembersPerPatch { get; init; } = 10;
    public string Prefix { get; init; } = "load";

    /// <summary>Distinguishes what one run creates in the mixed load from earlier runs.</summary>
    public string RunId { get; init; } = Guid.NewGuid().ToString("N")[..8];
}

/// <summary>How an import pages: RFC 7644 index paging or RFC 9865 cursors.</summary>
internal enum PagingMode
{
    Index,
    Cursor,
}
