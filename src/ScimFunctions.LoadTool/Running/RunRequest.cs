using ScimFunctions.LoadTool.Cost;
using ScimFunctions.LoadTool.Scenarios;

namespace ScimFunctions.LoadTool.Running;

/// <summary>One `scimload run`: where, with what, how hard, and whether to measure the raw storage baseline.</summary>
internal sealed record RunRequest
{
    public required Uri BaseUrl { get; init; }
    public required string Token { get; init; }
    public required string Scenario { get; init; }
    public required ScenarioSettings Settings { get; init; }
    public int Concurrency { get; init; } = 8;
    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;

    /// <summary>When set, the raw Azure.Data.Tables baseline runs against this storage in the same run.</summary>
    public string? RawBaselineConnectionString { get; init; }

    public int RawBaselineIterations { get; init; } = 200;
    public PriceSheet Prices { get; init; } = PriceSheet.Default;
    public CostAssumptions CostAssumptions { get; init; } = CostAssumptions.Default;

    /// <summary>
    /// The SCIM host runs in this process: each measured phase's process CPU and allocations are reported, with the load
    /// generator's own share measured separately (<see cref="GeneratorCalibration"/>) and taken out.
    /// </summary>
    public bool InProcess { get; init; }

    /// <summary>Reads the host's log output so far in bytes (in-process host), to report log bytes per request.</summary>
    public Func<long>? LogBytes { get; init; }

    /// <summary>Reads the host's token-store read count (in-process host), to measure reads per request.</summary>
    public Func<long>? TokenStoreReads { get; init; }
}
