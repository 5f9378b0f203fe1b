using System.Collections.Concurrent;
using System.Diagnostics;
using ScimFunctions.LoadTool.Client;

namespace ScimFunctions.LoadTool.Running;

/// <summary>
/// Runs phases one after another, each with <c>concurrency</c> workers. Transient failures (no response, 429, 5xx)
/// are retried per <see cref="RetryPolicy"/>, as identity providers do; a work item that still fails is counted and
/// the run goes on. Every attempt is recorded, so outages show up in the error columns. Each measured phase's process
/// CPU and allocations are sampled around it (<see cref="PhaseCost"/>).
/// </summary>
internal sealed class LoadRunner
{
    private const int MaxSampleFailures = 10;

    private readonly ScimClient _client;
    private readonly int _concurrency;
    private readonly RetryPolicy _retry;
    private readonly IRunObserver _observer;
    private readonly Func<long>? _logBytes; // the host's log output so far in bytes (in-process host), for log bytes per request

    public LoadRunner(ScimClient client, int concurrency, RetryPolicy retry, IRunObserver? observer = null, Func<long>? logBytes = null)
    {
        _logBytes = logBytes;
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        _client = client;
        _concurrency = concurrency;
        _retry = retry;
        _observer = observer ?? IRunObserver.Silent;
    }

    public async Task<RunResult> RunAsync(IEnumerable<Phase> phases, CancellationToken cancellationToken = default)
    {
        var measured = new MetricsCollector();
        var failures = new ConcurrentQueue<string>();
        long items = 0, failed = 0;
        var elapsed = TimeSpan.Zero;
        var costs = new List<PhaseCost>();
        foreach (var phase in phases)
        {
            var metrics = phase.Measured ? measured : new MetricsCollector();
            _client.Metrics = metrics;
            var progress = _observer.PhaseStarted(phase);
            var tally = metrics.Tally();
            var stopwatch = Stopwatch.StartNew();
            var logged = _logBytes?.Invoke();
            var before = ProcessSample.Now();
            var outcome = await RunPhaseAsync(phase, metrics, progress, failures, cancellationToken);
            var spent = ProcessSample.Now() - before;
            progress.Completed();
            if (phase.Measured)
            {
                var cost = PhaseCost.Of(phase.Name, spent, metrics.TallySince(tally));
                costs.Add(logged is { } start && cost.RequestCount > 0 ? cost with { LogBytesPerRequest = (double)(_logBytes!() - start) / cost.RequestCount } : cost);
                elapsed += stopwatch.Elapsed;
                items += outcome.Items;
                failed += outcome.Failed;
            }
        }

        return new RunResult(measured.Snapshot(elapsed), elapsed, items, failed, [.. failures.Take(MaxSampleFailures)]) { Phases = costs };
    }

    private async Task<(long Items, long Failed)> RunPhaseAsync(
        Phase phase, MetricsCollector metrics, IPhaseProgress progress, ConcurrentQueue<string> failures, CancellationToken cancellationToken)
    {
        // The clock starts when the first worker runs, not when the workers are queued: on a busy thread pool the workers
        // can start late, and a timed phase whose clock ran out before any worker started would do no work at all.
        var clock = new Stopwatch();
        var deadline = phase.Duration;
        var total = phase.Count ?? int.MaxValue;
        var next = -1;
        long done = 0, failed = 0;

        async Task WorkerAsync()
        {
            lock (clock)
            {
                if (!clock.IsRunning)
                {
                    clock.Start();
                }
            }

            while (!cancellationToken.IsCancellationRequested)
            {
                if (deadline is { } limit && clock.Elapsed >= limit)
                {
                    return;
                }

                var index = Interlocked.Increment(ref next);
                if (index >= total)
                {
                    return;
                }

                if (!await RunItemAsync(phase, index, failures, cancellationToken))
                {
                    Interlocked.Increment(ref failed);
                }

                var completed = Interlocked.Increment(ref done);
                var fraction = deadline is { } d ? clock.Elapsed / d : (double)completed / total;
                progress.Report(Math.Min(fraction, 1), metrics.Completed);
            }
        }

        if (phase.Count is 0)
        {
            return (0, 0);
        }

        await Task.WhenAll(Enumerable.Range(0, _concurrency).Select(_ => Task.Run(WorkerAsync, CancellationToken.None)));
        return (Interlocked.Read(ref done), Interlocked.Read(ref failed));
    }

    private async Task<bool> RunItemAsync(Phase phase, int index, ConcurrentQueue<string> failures, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await phase.Item(index, cancellationToken);
                return true;
            }
            catch (ScimRequestException ex) when (ex.IsTransient && attempt < _retry.MaxAttempts)
            {
                await Task.Delay(_retry.DelayFor(ex.Response.RetryAfter), cancellationToken);
            }
            catch (ScimRequestException ex)
            {
                if (failures.Count < MaxSampleFailures)
                {
                    failures.Enqueue($"{phase.Name} #{index}: {ex.Message}");
                }

                return false;
            }
        }
    }
}
