using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ScimFunctions.Storage.Abstractions;
using ScimFunctions.Storage.Events;
using ScimFunctions.Storage.Tenants;

namespace ScimFunctions.Http.Events;

/// <summary>
/// What both hosts run: a wake-up message dispatches its tenant and sends the next wake-up the outcome asks for (a
/// retry time, or a short delay when another instance holds the work); the sweep dispatches every tenant an endpoint
/// covers (catching wake-ups lost between commit and enqueue) and trims change rows past their tenant's retention
/// (<see cref="TenantPolicy.ChangeRetentionDays"/>).
/// </summary>
public sealed class EventWorker(WebhookDispatcher dispatcher, WebhookStore webhooks, ITenantRegistry registry, ITenantStoreProvider stores, EventOptions options, TimeProvider time, ILogger<EventWorker> logger, EventQueue? queue = null)
{
    private static readonly TimeSpan BusyDelay = TimeSpan.FromSeconds(5);

    public async Task HandleWakeUpAsync(string message, CancellationToken cancellationToken)
    {
        if (!TenantId.TryParse(message?.Trim(), out var tenant))
        {
            logger.LogWarning("Dropped a wake-up message that is not a tenant id");
            return;
        }

        await FollowUpAsync(tenant, await dispatcher.DispatchAsync(tenant, cancellationToken), cancellationToken);
    }

    /// <summary>One sweep: returns how many tenants it dispatched and how many change rows it trimmed.</summary>
    public async Task<(int Tenants, int Trimmed)> SweepAsync(CancellationToken cancellationToken)
    {
        var endpoints = await webhooks.ListAsync(cancellationToken);
        var tenants = await registry.ListAsync(cancellationToken);
        var covered = tenants.Where(t => endpoints.Any(e => e.Covers(t.Id))).ToList();
        await Parallel.ForEachAsync(covered, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (tenant, ct) =>
        {
            try
            {
                await FollowUpAsync(tenant.Id, await dispatcher.DispatchAsync(tenant.Id, endpoints, ct), ct);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                logger.LogWarning("Sweep of tenant {Tenant} failed ({Fault})", tenant.Id.Value, failure.GetType().Name);
            }
        });

        var trimmed = 0;
        var now = time.GetUtcNow();
        foreach (var tenant in tenants)
        {
            var cutoff = now - TimeSpan.FromDays(tenant.Policy.ChangeRetentionDays);
            trimmed += await stores.GetStore(tenant).TrimChangesAsync(cutoff, options.TrimBatch, cancellationToken);
        }

        return (covered.Count, trimmed);
    }

    private async Task FollowUpAsync(TenantId tenant, DispatchOutcome outcome, CancellationToken cancellationToken)
    {
        if (queue is null)
        {
            return; // no queue configured: the sweeper retries
        }

        if (outcome.Busy)
        {
            await queue.WakeAsync(tenant, BusyDelay, cancellationToken);
        }
        else if (outcome.RetryAt is { } at)
        {
            await queue.WakeAsync(tenant, at - time.GetUtcNow(), cancellationToken);
        }
    }
}

/// <summary>The local host's dispatcher: polls the wake-up queue (Azurite's queue service locally) and sweeps on a timer.</summary>
public sealed class EventHostedService(EventWorker worker, EventOptions options, ILogger<EventHostedService> logger, EventQueue? queue = null) : BackgroundService
{
    private const int Concurrency = 16;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sweeper = SweepLoopAsync(stoppingToken);
        if (queue is null)
        {
            await sweeper.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return;
        }

        // Each message is handled on its own (up to Concurrency at once): a slow endpoint of one tenant holds its own
        // slot, never the next receive, so other tenants' wake-ups keep flowing.
        var idle = TimeSpan.FromMilliseconds(200);
        using var slots = new SemaphoreSlim(Concurrency, Concurrency);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await slots.WaitAsync(stoppingToken);
                var free = 1;
                while (free < Concurrency && slots.Wait(0, CancellationToken.None))
                {
                    free++;
                }

                Azure.Storage.Queues.Models.QueueMessage[] messages = [];
                try
                {
                    await queue.EnsureQueueAsync(stoppingToken);
                    messages = (await queue.Client.ReceiveMessagesAsync(free, TimeSpan.FromMinutes(5), stoppingToken)).Value;
                }
                finally
                {
                    if (free > messages.Length)
                    {
                        slots.Release(free - messages.Length);
                    }
                }

                if (messages.Length == 0)
                {
                    await Task.Delay(idle, stoppingToken);
                    continue;
                }

                foreach (var message in messages)
                {
                    _ = Task.Run(async () =>
                    {
                        try
                        {
                            await worker.HandleWakeUpAsync(message.MessageText, stoppingToken);
                            await queue.Client.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken);
                        }
                        catch (Exception failure) when (failure is not OperationCanceledException)
                        {
                            // The message becomes visible again after its visibility timeout: another attempt.
                            logger.LogWarning("Event wake-up failed ({Fault}); it will be retried", failure.GetType().Name);
                        }
                        catch (OperationCanceledException)
                        {
                            // Stopping.
                        }
                        finally
                        {
                            slots.Release();
                        }
                    }, CancellationToken.None);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception failure)
            {
                logger.LogWarning("The event queue is unavailable ({Fault}); retrying", failure.GetType().Name);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        await sweeper.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task SweepLoopAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.SweepInterval);
        do
        {
            try
            {
                await worker.SweepAsync(stoppingToken);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                logger.LogWarning("Event sweep failed ({Fault})", failure.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
