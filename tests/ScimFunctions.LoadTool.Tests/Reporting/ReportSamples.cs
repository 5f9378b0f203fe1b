using ScimFunctions.LoadTool.Cost;
using ScimFunctions.LoadTool.Metrics;
using ScimFunctions.LoadTool.Reporting;
using ScimFunctions.LoadTool.Scenarios;

namespace ScimFunctions.LoadTool.Tests.Reporting;

/// <summary>A report with known figures, built the way a run builds it.</summary>
internal static class ReportSamples
{
    public static LoadReport Create()
    {
        var scim = new MetricsCollector();
        for (var i = 1; i <= 100; i++)
        {
            scim.Record(OperationNames.CreateUser, TimeSpan.FromMilliseconds(i), i <= 97 ? 201 : 503, storageRequests: 4);
            scim.Record(OperationNames.FilterUserName, TimeSpan.FromMilliseconds(i / 10.0), 200, storageRequests: 2);
        }

        var raw = new MetricsCollector();
        for (var i = 1; i <= 10; i++)
        {
            raw.Record(OperationNames.RawTransaction, TimeSpan.FromMilliseconds(10), 200, 1);
            raw.Record(OperationNames.RawIndexQuery, TimeSpan.FromMilliseconds(2.5), 200, 1);
        }

        var rawStats = raw.Snapshot(TimeSpan.FromSeconds(1));
        var operations = BaselineComparison.WithRatios(scim.Snapshot(TimeSpan.FromSeconds(4)), rawStats);
        return new LoadReport(
            "entra-initial",
            "http://127.0.0.1:7071/scim/v2/demo",
            new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero),
            Concurrency: 4,
            Users: 100,
            Groups: 10,
            ElapsedSeconds: 4,
            WorkItems: 100,
            FailedWorkItems: 0,
            SampleFailures: [],
            operations)
        {
            RawBaseline = rawStats,
            Costs = CostModel.Estimate(operations, PriceSheet.Default, CostAssumptions.Default),
            Prices = PriceSheet.Default,
            CostAssumptions = CostAssumptions.Default,
            Machine = new MachineInfo("Linux", "X64", 2, ".NET 10"),
        };
    }
}
