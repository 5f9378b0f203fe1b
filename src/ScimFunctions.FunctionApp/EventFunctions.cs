using ScimFunctions.Http.Events;

namespace ScimFunctions.FunctionApp;

/// <summary>
/// Event delivery (docs/events.md): the operator routes for webhooks, the queue-triggered dispatcher (one wake-up
/// message: one tenant) and the timer-triggered sweeper that catches lost wake-ups and trims old change rows.
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

    [Function("ListWebhooks")]
    public static Task ListWebhooks([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "operator/webhooks")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("AddWebhook")]
    public static Task AddWebhook([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "operator/webhooks")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("RemoveWebhook")]
    public static Task RemoveWebhook([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "operator/webhooks/{webhookId}")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("RotateWebhookSecret")]
    public static Task RotateWebhookSecret([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "operator/webhooks/{webhookId}/rotate-secret")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("TestWebhook")]
    public static Task TestWebhook([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "operator/webhooks/{webhookId}/test")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("ReplayWebhook")]
    public static Task ReplayWebhook([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "operator/webhooks/{webhookId}/replay")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("OperatorGetUser")]
    public static Task OperatorGetUser([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "operator/tenants/{tenantId}/Users/{id}")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("OperatorGetGroup")]
    public static Task OperatorGetGroup([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "operator/tenants/{tenantId}/Groups/{id}")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);
}
