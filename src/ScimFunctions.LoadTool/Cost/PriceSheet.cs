namespace ScimFunctions.LoadTool.Cost;

/// <summary>
/// List prices (pay-as-you-go, USD, no discounts, free grants not deducted) used for cost per million operations.
/// Defaults are the public pricing pages' figures for East US as read on <see cref="AsOf"/>; override with --prices.
/// </summary>
internal sealed record PriceSheet
{
    public static PriceSheet Default { get; } = new();

    public string Region { get; init; } = "East US";
    public string AsOf { get; init; } = "2026-11-22";
    public string Currency { get; init; } = "USD";

    /// <summary>Azure Table Storage, Standard general-purpose v2, LRS: storage transactions per 10,000.</summary>
    public decimal TableTransactionsPer10K { get; init; } = 0.00036m;

    /// <summary>Azure Queue Storage, Standard general-purpose v2, LRS: queue operations per 10,000 (event wake-ups).</summary>
    public decimal QueueOperationsPer10K { get; init; } = 0.004m;

    /// <summary>Azure Key Vault Standard: secret operations per 10,000.</summary>
    public decimal KeyVaultOperationsPer10K { get; init; } = 0.03m;

    /// <summary>Azure Functions Flex Consumption, on demand: execution time per GB-second.</summary>
    public decimal FlexOnDemandPerGbSecond { get; init; } = 0.000026m;

    /// <summary>Azure Functions Flex Consumption, on demand: per million executions.</summary>
    public decimal FlexExecutionsPerMillion { get; init; } = 0.40m;

    /// <summary>Azure Monitor Log Analytics (Application Insights), Analytics logs, pay-as-you-go: per GB ingested.</summary>
    public decimal TelemetryPerGbIngested { get; init; } = 2.30m;

    public IReadOnlyList<string> Sources { get; init; } =
    [
        "https://azure.microsoft.com/pricing/details/storage/tables/",
        "https://azure.microsoft.com/pricing/details/storage/queues/",
        "https://azure.microsoft.com/pricing/details/key-vault/",
        "https://azure.microsoft.com/pricing/details/functions/",
        "https://learn.microsoft.com/azure/azure-functions/flex-consumption-plan#billing",
        "https://azure.microsoft.com/pricing/details/monitor/",
    ];
}
