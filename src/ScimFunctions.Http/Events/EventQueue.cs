using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;

namespace ScimFunctions.Http.Events;

/// <summary>
/// The wake-up queue: a message is a tenant id whose change feed has something new. It is sent after the change
/// committed (the change row is the outbox; a wake-up lost to a crash is caught by the sweeper), made visible only
/// once the change has settled in the feed. A process sends at most one wake-up per tenant per second: a change
/// committed within that second is covered by the one already sent, which becomes visible after the settle time.
/// </summary>
/// <param name="queue">The wake-up queue.</param>
/// <param name="settleTime">The change feed's settle time: a wake-up becomes visible after it.</param>
/// <param name="time">The clock.</param>
/// <param name="logger">Where a failed enqueue is logged (tenant id and fault type only).</param>
/// <param name="createQueue">Create the queue on first use (Azurite); false where the stamp's Bicep created it and the identity may only send and process messages.</param>
public sealed class EventQueue(QueueClient queue, TimeSpan settleTime, TimeProvider time, ILogger<EventQueue> logger, bool createQueue = true)
{
    private static readonly TimeSpan Coalesce = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<TenantId, DateTimeOffset> _lastSent = new();
    private Task? _created;

    public QueueClient Client => queue;

    /// <summary>Wake-ups sent by this process (tests and the load tool read it).</summary>
    public long Sent => Interlocked.Read(ref _sent);

    private long _sent;

    /// <summary>After a committed change: a wake-up visible once the change has settled. Never throws (the sweeper catches a lost one).</summary>
    public async Task AfterCommitAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (_lastSent.TryGetValue(tenant, out var last) && now - last < Coalesce)
        {
            return;
        }

        _lastSent[tenant] = now;
        if (_lastSent.Count > 100_000)
        {
            _lastSent.Clear();
        }

        try
        {
            await WakeAsync(tenant, settleTime + Coalesce, cancellationToken);
        }
        catch (Exception failure) when (failure is RequestFailedException or OperationCanceledException or HttpRequestException or AggregateException)
        {
            _lastSent.TryRemove(tenant, out _);
            logger.LogWarning("Could not enqueue the event wake-up of tenant {Tenant} ({Fault}); the sweeper will deliver", tenant.Value, failure.GetType().Name);
        }
    }

    /// <summary>Sends a wake-up for <paramref name="tenant"/>, visible after <paramref name="delay"/> (at most 7 days).</summary>
    public async Task WakeAsync(TenantId tenant, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        await EnsureQueueAsync(cancellationToken);
        var visible = delay < TimeSpan.Zero ? TimeSpan.Zero : delay > TimeSpan.FromDays(6) ? TimeSpan.FromDays(6) : delay;
        await queue.SendMessageAsync(tenant.Value, visible, TimeSpan.FromDays(7), cancellationToken);
        Interlocked.Increment(ref _sent);
    }

    /// <summary>Creates the queue once per process (a failed attempt is retried by the next call).</summary>
    public Task EnsureQueueAsync(CancellationToken cancellationToken)
    {
        if (!createQueue)
        {
            return Task.CompletedTask;
        }

        var created = Volatile.Read(ref _created);
        if (created is null || created.IsFaulted || created.IsCanceled)
        {
            created = queue.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None);
            Volatile.Write(ref _created, created);
        }

        return created.WaitAsync(cancellationToken);
    }
}
