namespace ScimFunctions.LoadTool.Metrics;

/// <summary>
/// What one measured phase cost the process per request, and how much of it was the host's. The process cost
/// (<see cref="ProcessSample"/> delta over the phase ÷ its HTTP requests) includes the load generator in the same
/// process; <see cref="Generator"/> is the generator's own cost for the same requests (measured against canned answers,
/// see <c>GeneratorCalibration</c>), so <see cref="Host"/> = process − generator is the SCIM stack's: ASP.NET Core,
/// the service, the Azure SDK and the client side of the loopback sockets. <see cref="Raw"/> is the raw Azure.Data.Tables
/// baseline's cost for the same storage work, measured the same way in the same process, so <see cref="CpuRatio"/> is
/// a CPU ratio, not a latency ratio.
/// </summary>
internal sealed record PhaseCost
{
    public required string Phase { get; init; }

    /// <summary>HTTP requests the phase sent, by operation.</summary>
    public required IReadOnlyDictionary<string, long> Requests { get; init; }

    public required PerRequestCost Process { get; init; }

    /// <summary>Storage requests per HTTP request (server-reported); null when the server did not report them.</summary>
    public double? StorageRequestsPerRequest { get; init; }

    public PerRequestCost? Generator { get; init; }

    /// <summary>Bytes the host logged at Information or higher per request (in-process host); null when not measured.</summary>
    public double? LogBytesPerRequest { get; init; }

    public PerRequestCost? Raw { get; init; }

    public long RequestCount => Requests.Values.Sum();

    public PerRequestCost Host => Generator is { } generator ? Process - generator : Process;

    public double? CpuRatio => Raw is { CpuMs: > 0 } raw ? Host.CpuMs / raw.CpuMs : null;

    /// <summary>
    /// The phase with the generator's cost and the raw baseline's cost of the same requests, each the request-weighted
    /// mean over the phase's operations (<paramref name="rawOf"/> maps a SCIM operation to its raw floor); either stays
    /// null when an operation of the phase has none.
    /// </summary>
    public PhaseCost WithFloors(IReadOnlyDictionary<string, PerRequestCost> generator, Func<string, PerRequestCost?> rawOf)
    {
        ArgumentNullException.ThrowIfNull(generator);
        return this with
        {
            Generator = generator.Count == 0 ? null : PerRequestCost.Weighted(Requests, op => generator.TryGetValue(op, out var cost) ? cost : null),
            Raw = PerRequestCost.Weighted(Requests, rawOf),
        };
    }

    /// <summary>A phase's cost from its process delta and the requests and storage requests it recorded.</summary>
    public static PhaseCost Of(string phase, ProcessSample delta, IReadOnlyDictionary<string, OperationTally> tally)
    {
        ArgumentNullException.ThrowIfNull(tally);
        var requests = tally.ToDictionary(t => t.Key, t => t.Value.Count, StringComparer.Ordinal);
        var total = requests.Values.Sum();
        var reported = tally.Values.Sum(t => t.StorageSamples);
        return new PhaseCost
        {
            Phase = phase,
            Requests = requests,
            Process = PerRequestCost.Of(delta, total),
            StorageRequestsPerRequest = reported == 0 ? null : (double)tally.Values.Sum(t => t.StorageRequests) / reported,
        };
    }
}

/// <summary>Requests recorded for one operation, and the storage requests of those that reported them.</summary>
internal readonly record struct OperationTally(long Count, long StorageRequests, long StorageSamples)
{
    public static OperationTally operator -(OperationTally after, OperationTally before) =>
        new(after.Count - before.Count, after.StorageRequests - before.StorageRequests, after.StorageSamples - before.StorageSamples);
}
