using Spectre.Console;

namespace ScimFunctions.LoadTool.Scale;

/// <summary>Readable tables of a scale run: seeding, filter latency against size, paging cost against size.</summary>
internal static class ScaleTable
{
    public static void Render(ScaleReport report, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(console);
        var seed = new Table().Title("Seeding").Border(TableBorder.Rounded);
        seed.AddColumns("Users", "Method", "Seconds", "Users/s", "Consistency");
        var filters = new Table().Title("Filter latency against tenant size").Border(TableBorder.Rounded);
        filters.AddColumns("Users", "Filter", "Count", "p50 ms", "p95 ms", "p99 ms", "Storage req/op", "Errors");
        var paging = new Table().Title("Paging through the whole tenant").Border(TableBorder.Rounded);
        paging.AddColumns("Users", "Mode", "Page size", "Pages", "Users read", "Seconds", "p50 page ms", "p95 page ms", "Storage requests", "Per page");
        foreach (var size in report.Sizes)
        {
            var users = Format(size.Users);
            seed.AddRow(users, Markup.Escape(size.Seed.Method), Format(size.Seed.Seconds, "F1"), Format(size.Seed.UsersPerSecond, "F0"),
                size.Consistency is { } c ? Markup.Escape(c.ProblemCount == 0 ? "0 problems" : $"{c.ProblemCount} PROBLEMS: {string.Join("; ", c.Problems)}") : "not checked");
            foreach (var f in size.Filters)
            {
                filters.AddRow(users, Markup.Escape(f.Operation), Format(f.Count), Format(f.P50Ms, "F1"), Format(f.P95Ms, "F1"), Format(f.P99Ms, "F1"),
                    f.StorageRequestsPerOperation is { } s ? Format(s, "0.##") : "n/a", Format(f.ErrorCount));
            }

            foreach (var p in new[] { size.IndexPaging, size.CursorPaging })
            {
                paging.AddRow(users, Markup.Escape(p.Mode), Format(p.PageSize), Format(p.Pages), Format(p.UsersRead), Format(p.Seconds, "F1"),
                    Format(p.P50PageMs, "F1"), Format(p.P95PageMs, "F1"),
                    p.StorageRequests is { } total ? Format(total) : "n/a", p.StorageRequestsPerPage is { } per ? Format(per, "0.##") : "n/a");
            }
        }

        console.Write(seed);
        console.Write(filters);
        console.Write(paging);
    }

    private static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
