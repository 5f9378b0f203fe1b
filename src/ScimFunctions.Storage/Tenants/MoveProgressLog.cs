using Azure;

namespace ScimFunctions.Storage.Tenants;

/// <summary>
/// How far the running step of a move has come, as the run last reported it: rows done out of about how many, and
/// since when, so an operator on any instance sees rows copied, rate and ETA (<c>GET …/move</c>, <c>scimctl tenant
/// move --status</c>).
/// </summary>
public sealed record MoveStepProgress(MoveState Step, long Rows, long? Total, DateTimeOffset StepStarted, DateTimeOffset Updated)
{
    /// <summary>Rows a second in this step so far (0 before a second of it has passed with rows done).</summary>
    public double RowsPerSecond => Updated > StepStarted ? Math.Round(Rows / (Updated - StepStarted).TotalSeconds, 1) : 0;

    /// <summary>Seconds until the step's rows are done at that rate, from <see cref="Updated"/>; null when the total or the rate is unknown.</summary>
    public double? EtaSeconds => Total is { } total && RowsPerSecond > 0 ? Math.Round(Math.Max(0, total - Rows) / RowsPerSecond, 1) : null;

    public JsonObject ToJson() => new()
    {
        ["step"] = Step.ToString(),
        ["rows"] = Rows,
        ["total"] = Total,
        ["rowsPerSecond"] = RowsPerSecond,
        ["etaSeconds"] = EtaSeconds,
        ["stepStarted"] = StepStarted,
        ["updated"] = Updated,
    };
}

/// <summary>
/// The progress of each tenant's running move in the registry (row <c>~progress~{tenant}</c>, written over and over
/// without an ETag, at most once a second and at each new step, beside the move's own row so it never disturbs the
/// move's ETag chain). Progress is advice: a write that fails is skipped.
/// </summary>
internal sealed class MoveProgressLog(TableClient registry, TimeProvider time)
{
    private const string Prefix = "~progress~";
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Passes every report on to <paramref name="inner"/> and keeps the latest in the registry.</summary>
    public IProgress<MoveProgress> Recorder(TenantId tenant, IProgress<MoveProgress>? inner) => new Recording(this, tenant, inner);

    /// <summary>The last progress the tenant's move reported; null when none was kept.</summary>
    public async Task<MoveStepProgress?> ReadAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var row = await registry.GetIfExistsAsync(TenantEntities.PartitionKey, Prefix + tenant.Value, null, cancellationToken);
        return row is null || !Enum.TryParse<MoveState>(row.GetString("Step"), out var step)
            ? null
            : new MoveStepProgress(step, row.GetInt64("Rows") ?? 0, row.GetInt64("Total"), row.GetDateTimeOffset("StepStarted") ?? default, row.GetDateTimeOffset("Updated") ?? default);
    }

    private async Task WriteAsync(TenantId tenant, MoveStepProgress progress)
    {
        try
        {
            await registry.UpsertEntityAsync(
                new TableEntity(TenantEntities.PartitionKey, Prefix + tenant.Value)
                {
                    ["Step"] = progress.Step.ToString(),
                    ["Rows"] = progress.Rows,
                    ["Total"] = progress.Total,
                    ["StepStarted"] = progress.StepStarted,
                    ["Updated"] = progress.Updated,
                },
                TableUpdateMode.Replace);
        }
        catch (RequestFailedException)
        {
            // Advice only: the next report writes again.
        }
    }

    private sealed class Recording(MoveProgressLog log, TenantId tenant, IProgress<MoveProgress>? inner) : IProgress<MoveProgress>
    {
        private readonly Lock _lock = new();
        private MoveState? _step;
        private DateTimeOffset _stepStarted;
        private DateTimeOffset _written = DateTimeOffset.MinValue;
        private Task _writing = Task.CompletedTask;

        public void Report(MoveProgress value)
        {
            inner?.Report(value);
            lock (_lock)
            {
                var now = log.Now;
                var newStep = _step != value.State;
                if (newStep)
                {
                    _step = value.State;
                    _stepStarted = now;
                }

                if (!newStep && now - _written < Interval && !(value.Total is { } total && value.Rows >= total))
                {
                    return;
                }

                _written = now;
                var progress = new MoveStepProgress(value.State, value.Rows, value.Total, _stepStarted, now);
                _writing = _writing.ContinueWith(_ => log.WriteAsync(tenant, progress), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
            }
        }
    }
}
