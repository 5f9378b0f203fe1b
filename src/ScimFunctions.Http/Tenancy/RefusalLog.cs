using Microsoft.Extensions.Logging;
using ScimFunctions.Storage.Tenants;

namespace ScimFunctions.Http.Tenancy;

/// <summary>
/// Counts this instance's 401 refusals of known tenants by reason in memory and adds them to the tenant's durable
/// summary (<see cref="TenantRefusals"/>) at most once per <see cref="FlushInterval"/>: a flood of bad tokens costs at
/// most one registry read and one write per refused tenant per interval per instance, never one per request. Only
/// tenants the registry knows are counted (a made-up tenant id has no row to write), so memory is bounded by the
/// stamp's tenants times the few reasons. Counts not yet flushed when the instance stops are lost (the metric has them).
/// </summary>
public sealed class RefusalLog(TenantRefusals store, TimeProvider time, ILogger<RefusalLog> logger)
{
    /// <summary>The shortest time between two flushes of this instance.</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private Dictionary<TenantId, Pending> _pending = [];
    private DateTimeOffset _lastFlush = DateTimeOffset.MinValue;
    private bool _scheduled;

    /// <summary>Counts a refusal; schedules the next flush (now, or when the interval since the last one has passed).</summary>
    public void Record(TenantRecord tenant, string reason)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        TimeSpan delay;
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (!_pending.TryGetValue(tenant.Id, out var pending) || pending.Incarnation != tenant.Incarnation)
            {
                _pending[tenant.Id] = pending = new Pending(tenant.Incarnation);
            }

            pending.Counts[reason] = pending.Counts.GetValueOrDefault(reason) + 1;
            pending.Last = now;
            pending.LastReason = reason;
            if (_scheduled)
            {
                return;
            }

            _scheduled = true;
            var due = _lastFlush == DateTimeOffset.MinValue ? now : _lastFlush + FlushInterval;
            delay = due > now ? due - now : TimeSpan.Zero;
        }

        _ = FlushLaterAsync(delay);
    }

    /// <summary>Writes what this instance counted (the operator's tenant view calls it so it shows this instance's latest).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        Dictionary<TenantId, Pending> batch;
        lock (_gate)
        {
            if (_pending.Count == 0)
            {
                return;
            }

            batch = _pending;
            _pending = [];
            _lastFlush = time.GetUtcNow();
        }

        foreach (var (tenant, pending) in batch)
        {
            try
            {
                await store.AddAsync(tenant, pending.Incarnation, pending.Counts, pending.Last, pending.LastReason!, cancellationToken);
            }
#pragma warning disable CA1031 // A refusal summary that cannot be written must never fail a request; the counts are kept for the next flush.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogWarning("Could not write the refusal summary of a tenant: {Fault}", ex.GetType().Name);
                Requeue(tenant, pending);
            }
        }
    }

    private async Task FlushLaterAsync(TimeSpan delay)
    {
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, time);
        }

        lock (_gate)
        {
            _scheduled = false;
        }

        await FlushAsync();
    }

    private void Requeue(TenantId tenant, Pending failed)
    {
        lock (_gate)
        {
            if (_pending.TryGetValue(tenant, out var newer) && newer.Incarnation == failed.Incarnation)
            {
                foreach (var (reason, count) in failed.Counts)
                {
                    newer.Counts[reason] = newer.Counts.GetValueOrDefault(reason) + count;
                }
            }
            else if (newer is null)
            {
                _pending[tenant] = failed;
            }
        }
    }

    private sealed class Pending(string? incarnation)
    {
        public string? Incarnation { get; } = incarnation;
        public Dictionary<string, long> Counts { get; } = new(StringComparer.Ordinal);
        public DateTimeOffset Last { get; set; }
        public string? LastReason { get; set; }
    }
}
