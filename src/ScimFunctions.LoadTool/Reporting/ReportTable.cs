using Spectre.Console;

namespace ScimFunctions.LoadTool.Reporting;

/// <summary>The readable form of a report: a summary line, then operations, raw baseline and cost tables.</summary>
internal static class ReportTable
{
    public static void Render(LoadReport report, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(console);
        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{report.Scenario}: {report.TotalRequests} requests in {report.ElapsedSeconds:F1} s = {report.ThroughputPerSecond:F1} req/s, concurrency {report.Concurrency}, {report.FailedWorkItems} of {report.WorkItems} work items failed")));
        console.MarkupLine(Markup.Escape($"target {report.Target}; machine: {report.Machine.ProcessorCount} cores, {report.Machine.OperatingSystem}, {report.Machine.Runtime}"
            + (report.Machine.LoadAverage is { } load ? $", load average {load}" : string.Empty)));
        foreach (var (name, value) in report.Figures)
        {
            console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{name}: {value:0.##}")));
        }

        console.Write(Operations("SCIM operations", report.Operations, withRatio: report.RawBaseline.Count > 0));
        if (report.RawBaseline.Count > 0)
        {
            console.Write(Operations("Raw Azure.Data.Tables baseline (same storage)", report.RawBaseline, withRatio: false));
        }

        if (report.Phases.Count > 0)
        {
            console.Write(Phases(report.Phases));
        }

        if (report.Costs.Count > 0 && report.Prices is { } prices)
        {
            console.Write(Costs(report, prices));
        }

        if (report.CostGrid.Count > 0 && report.Prices is { } gridPrices)
        {
            console.Write(Grid(report, gridPrices));
        }

        if (report.Consistency is { } consistency)
        {
            var verdict = consistency.ProblemCount == 0 ? "[green]consistent[/]" : $"[red]{consistency.ProblemCount} problem(s)[/]";
            console.MarkupLine(Markup.Escape($"consistency check of tenant {consistency.Tenant} (") +
                Markup.Escape(string.Join(", ", consistency.ResourcesByType.Select(r => $"{r.Value} {r.Key}s")) + $", {consistency.Memberships} memberships): ") + verdict);
            foreach (var problem in consistency.Problems)
            {
                console.MarkupLine("[red]" + Markup.Escape(problem) + "[/]");
            }
        }

        foreach (var failure in report.SampleFailures)
        {
            console.MarkupLine("[red]" + Markup.Escape(failure) + "[/]");
        }
    }

    private static Table Operations(string title, IReadOnlyList<OperationStats> operations, bool withRatio)
    {
        string[] numbers = ["Count", "Req/s", "p50 ms", "p95 ms", "p99 ms", "Storage req/op"];
        var table = NewTable(Markup.Escape(title), "Operation", withRatio ? [.. numbers, "× raw p50"] : numbers);
        table.AddColumn("Errors by status");
        foreach (var o in operations)
        {
            var row = new List<string>
            {
                Markup.Escape(o.Operation),
                Number(o.Count),
                Number(o.ThroughputPerSecond, "F1"),
                Number(o.P50Ms, "F1"),
                Number(o.P95Ms, "F1"),
                Number(o.P99Ms, "F1"),
                o.StorageRequestsPerOperation is { } s ? Number(s, "0.##") : "n/a",
            };
            if (withRatio)
            {
                row.Add(o.RawBaselineRatio is { } r ? Number(r, "F1") : "-");
            }

            row.Add(Errors(o));
            table.AddRow(row.ToArray());
        }

        return table;
    }

    private static Table Phases(IReadOnlyList<PhaseCost> phases)
    {
        var table = NewTable(
            "CPU and allocations per request (this process)",
            "Phase",
            ["Requests", "Process CPU ms", "Generator CPU ms", "Host CPU ms", "Host KB", "Log B", "Storage req", "Raw CPU ms", "Raw KB", "Host ÷ raw CPU"]);

        foreach (var p in phases)
        {
            table.AddRow(
                Markup.Escape(p.Phase),
                Number(p.RequestCount),
                Number(p.Process.CpuMs, "F2"),
                p.Generator is { } g ? Number(g.CpuMs, "F2") : "-",
                Number(p.Host.CpuMs, "F2"),
                Number(p.Host.AllocatedBytes / 1024, "F1"),
                p.LogBytesPerRequest is { } log ? Number(log, "F0") : "-",
                p.StorageRequestsPerRequest is { } s ? Number(s, "0.##") : "n/a",
                p.Raw is { } r ? Number(r.CpuMs, "F2") : "-",
                p.Raw is { } rb ? Number(rb.AllocatedBytes / 1024, "F1") : "-",
                p.CpuRatio is { } ratio ? Number(ratio, "F1") : "-");
        }

        table.Caption("Process: this process's CPU (all threads, GC and JIT included) and bytes allocated over the phase ÷ its HTTP requests. "
            + "Generator: the load tool's own share, measured by replaying each operation against canned answers. Host = process − generator. "
            + "Raw: the raw Azure.Data.Tables baseline's CPU and allocations for the same storage work, in this process. "
            + "Log B: the host's log output at Information or higher, as JSON lines.");
        return table;
    }

    private static Table Costs(LoadReport report, Cost.PriceSheet prices)
    {
        string[] costs = ["Storage", "Key Vault", "Exec time", "Executions", "Total"];
        var table = NewTable(Markup.Escape($"Cost per million requests ({prices.Currency}, list prices, {prices.Region}, as of {prices.AsOf})"), "Operation", costs);
        foreach (var c in report.Costs)
        {
            table.AddRow([Markup.Escape(c.Operation), .. Money(c, costs)]);
        }

        var assumptions = report.CostAssumptions ?? Cost.CostAssumptions.Default;
        var measured = assumptions.MeasuredTokenStoreReadsPerOperation is { } m
            ? string.Create(CultureInfo.InvariantCulture, $"measured {m:0.######}, ")
            : string.Empty;
        table.Caption(Markup.Escape(string.Create(
            CultureInfo.InvariantCulture,
            $"Token-store reads per request: {measured}modelled {assumptions.ModelledKeyVaultReadsPerOperation:0.######} ({assumptions.TenantRequestsPerSecond:0} req/s, {assumptions.TokenCacheTtlSeconds:0} s cache); costed at {assumptions.KeyVaultReadsPerOperation:0.######}. ")
            + "Sources: " + string.Join(", ", prices.Sources)));
        return table;
    }

    private static Table Grid(LoadReport report, Cost.PriceSheet prices)
    {
        var first = report.CostGrid[0].Cost;
        string[] costs = ["Exec time", "Executions", "Storage", "Key Vault", "Telemetry", "Total"];
        var table = NewTable(
            Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"Cost per million: {first.Operation} from host CPU ({prices.Currency}, list prices, as of {prices.AsOf})")),
            "Instance",
            ["Concurrency", "Instance ms/req", .. costs]);
        foreach (var cell in report.CostGrid)
        {
            table.AddRow(
            [
                Number(cell.InstanceMemoryGb * 1000, "0") + " MB",
                cell.Sparse ? "sparse" : Number(cell.Concurrency, "0"),
                Number(cell.Cost.InstanceSecondsPerRequest * 1000, "F2"),
                .. Money(cell.Cost, costs),
            ]);
        }

        var a = report.CostAssumptions ?? Cost.CostAssumptions.Default;
        table.Caption(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"Busy instance: max(latency ÷ concurrency, CPU ÷ vCPU share), latency = CPU + {a.StorageLatencyMs:0.#} ms per storage request; sparse: at least {a.MinimumBillableSeconds:0.###} s; vCPU share 0.25 (512 MB), 1 (2 GB); cold start {a.ColdStartCpuSeconds:0.#} CPU-s per {a.RequestsPerInstanceStart:0} requests; telemetry {a.TelemetryBytesPerRequest:0.#} B/request.")));
        return table;
    }

    /// <summary>A table titled <paramref name="title"/> (markup): a first column, then right-aligned number columns.</summary>
    private static Table NewTable(string title, string first, IEnumerable<string> numbers)
    {
        var table = new Table().Title(title).Border(TableBorder.Rounded);
        table.AddColumn(first);
        foreach (var column in numbers)
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        return table;
    }

    /// <summary>The cost components of an operation per million requests, by column header.</summary>
    private static readonly Dictionary<string, Func<Cost.OperationCost, decimal>> s_costColumns = new(StringComparer.Ordinal)
    {
        ["Storage"] = c => c.StoragePerMillion,
        ["Key Vault"] = c => c.KeyVaultPerMillion,
        ["Exec time"] = c => c.ExecutionTimePerMillion,
        ["Executions"] = c => c.ExecutionsPerMillion,
        ["Telemetry"] = c => c.TelemetryPerMillion,
        ["Total"] = c => c.TotalPerMillion,
    };

    private static IEnumerable<string> Money(Cost.OperationCost cost, IEnumerable<string> columns) => columns.Select(column => Money(s_costColumns[column](cost)));

    private static string Errors(OperationStats o)
    {
        var errors = o.Statuses.Where(s => !OperationStats.IsSuccess(s.Key)).ToList();
        return errors.Count == 0 ? "-" : string.Join(", ", errors.Select(e => string.Create(CultureInfo.InvariantCulture, $"{(e.Key == 0 ? "none" : e.Key)}×{e.Value}")));
    }

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Money(decimal value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
