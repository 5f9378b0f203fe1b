using ScimFunctions.Http.Events;

namespace ScimFunctions.FunctionApp;

/// <summary>
/// Event delivery (docs/events.md): the queue-triggered dispatcher (one wake-up message: one tenant) and the
/// timer-triggered sweeper that catches lost wake-ups and trims old change rows. Its operator routes are HTTP
/// functions in <see cref="ScimHttpFunctions"/>.
/// </summary>
public sealed class EventFunctions(EventWorker worker)
{
    /// <summary>The queue connection: <c>ScimEvents__queueServiceUri</c> with the managed identity in Azure.</summary>
    public const string QueueConnection = "ScimEvents";

    [Function("DeliverEvents")]
    public Task DeliverEvents([QueueTrigger(EventOptions.DefaultQueueName, Connection = QueueConnection)] string message, CancellationToken cancellationToken)
        => worker.HandleWakeUpAsync(message, cancellationToken);

    [Function("SweepEvents")]
    public Task SweepEvents([TimerTrigger("0 */1 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
        => worker.SweepAsync(cancellationToken);
}
