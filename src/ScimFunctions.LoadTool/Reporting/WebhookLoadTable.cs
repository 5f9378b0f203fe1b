using ScimFunctions.LoadTool.Cost;
using ScimFunctions.LoadTool.Hosting;
using Spectre.Console;

namespace ScimFunctions.LoadTool.Reporting;

/// <summary>The event delivery part of a <c>--webhook</c> run: lag, requests per event and their cost per million events.</summary>
internal static class WebhookLoadTable
{
    /// <summary>
    /// Storage and queue requests and <c>DeliverEvents</c> executions (one per wake-up sent) per million events at
    /// <paramref name="prices"/> (USD, list prices); the dispatcher's execution time is not included.
    /// </summary>
    public static decimal CostPerMillionEvents(WebhookLoadReport report, PriceSheet prices)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(prices);
        var executionsPerEvent = report.DistinctEvents == 0 ? 0m : (decimal)report.WakeUpsSent / report.DistinctEvents;
        return ((((decimal)report.StorageRequestsPerEvent * prices.TableTransactionsPer10K) + ((decimal)report.QueueRequestsPerEvent * prices.QueueOperationsPer10K)) * 100m)
            + (executionsPerEvent * prices.FlexExecutionsPerMillion);
    }

    public static void Render(WebhookLoadReport report, PriceSheet prices, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(console);
        var table = new Table().Title("Event delivery").Border(TableBorder.Rounded).AddColumns("Measure", "Value");
        table.AddRow("Events received (distinct)", Invariant($"{report.Events} ({report.DistinctEvents})"));
        table.AddRow("Delivery lag p50 / p95 / max", Invariant($"{report.LagP50Ms:F0} / {report.LagP95Ms:F0} / {report.LagMaxMs:F0} ms"));
        table.AddRow("Dispatcher storage requests (per event)", Invariant($"{report.DispatcherStorageRequests} ({report.StorageRequestsPerEvent:F2})"));
        table.AddRow("Queue requests (per event)", Invariant($"{report.QueueRequests} ({report.QueueRequestsPerEvent:F2}); wake-ups sent {report.WakeUpsSent}"));
        table.AddRow("Storage + queue + executions per million events", Invariant($"${CostPerMillionEvents(report, prices):F4} (USD, list prices; execution time not included)"));
        console.Write(table);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
