using ScimFunctions.LoadTool.Reporting;
using ScimFunctions.LoadTool.Scenarios;
using Spectre.Console;

namespace ScimFunctions.LoadTool.Tests.Reporting;

public class ReportTableTests
{
    [Fact]
    public void The_table_shows_each_operation_with_percentiles_storage_requests_ratio_and_errors()
    {
        var text = Render(ReportSamples.Create());

        var create = Cells(Line(text, OperationNames.CreateUser));
        Assert.Equal([OperationNames.CreateUser, "100", "25.0", "50.0", "95.0", "99.0", "4", "5.0", "503×3"], create);

        var filter = Cells(Line(text, OperationNames.FilterUserName));
        Assert.Equal("2", filter[6]);
        Assert.Equal("2.0", filter[7]);
        Assert.Equal("-", filter[8]);
    }

    [Fact]
    public void The_summary_gives_requests_throughput_and_the_machine()
    {
        var text = Render(ReportSamples.Create());

        Assert.Contains("entra-initial: 200 requests in 4.0 s = 50.0 req/s, concurrency 4", text);
        Assert.Contains("2 cores", text);
    }

    [Fact]
    public void The_cost_table_names_its_prices_region_date_and_sources()
    {
        var text = Render(ReportSamples.Create());

        Assert.Contains("Cost per million requests (USD, list prices, East US, as of", text);
        Assert.Contains("azure.microsoft.com/pricing/details/storage/tables", text);
        // 4 storage requests per create at $0.00036 per 10,000 = $0.144 per million
        Assert.Contains("0.1440", Line(text, OperationNames.CreateUser, skip: 1));
    }

    [Fact]
    public void Without_a_baseline_there_is_no_ratio_column_and_unknown_storage_reads_na()
    {
        var report = ReportSamples.Create() with { RawBaseline = [] };
        report = report with { Operations = [.. report.Operations.Select(o => o with { StorageRequestsPerOperation = null, RawBaselineRatio = null })], Costs = [] };

        var text = Render(report);

        Assert.DoesNotContain("× raw p50", text);
        Assert.DoesNotContain("Raw Azure.Data.Tables baseline", text);
        Assert.Contains("n/a", Line(text, OperationNames.CreateUser));
    }

    private static string Render(LoadReport report)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 240;
        console.Profile.Capabilities.Unicode = false;
        ReportTable.Render(report, console);
        return writer.ToString();
    }

    private static string[] Cells(string line) =>
        [.. line.Split(['│', '|'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    private static string Line(string text, string operation, int skip = 0) =>
        text.Split('\n').Where(l => l.Contains(operation, StringComparison.Ordinal)).Skip(skip).First();
}
