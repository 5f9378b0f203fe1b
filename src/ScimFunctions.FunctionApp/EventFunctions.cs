using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ScimFunctions.Http;
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
    public static Task ListWebhooks([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "operator/webhooks")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "ListWebhooks");

    [Function("AddWebhook")]
    public static Task AddWebhook([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "operator/webhooks")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "AddWebhook");

    [Function("RemoveWebhook")]
    public static Task RemoveWebhook([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "operator/webhooks/{webhookId}")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "RemoveWebhook");

    [Function("RotateWebhookSecret")]
    public static Task RotateWebhookSecret([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "operator/webhooks/{webhookId}/rotate-secret")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "RotateWebhookSecret");

    [Function("TestWebhook")]
    public static Task TestWebhook([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "operator/webhooks/{webhookId}/test")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "TestWebhook");

    [Function("ReplayWebhook")]
    public static Task ReplayWebhook([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "operator/webhooks/{webhookId}/replay")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "ReplayWebhook");

    [Function("OperatorGetUser")]
    public static Task OperatorGetUser([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "operator/tenants/{tenantId}/Users/{id}")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "OperatorGetUser");

    [Function("OperatorGetGroup")]
    public static Task OperatorGetGroup([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "operator/tenants/{tenantId}/Groups/{id}")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "OperatorGetGroup");
}
