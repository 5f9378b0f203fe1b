using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using ScimFunctions.Core;
using ScimFunctions.LoadTool.Client;
using ScimFunctions.LoadTool.Hosting;
using ScimFunctions.LoadTool.Reporting;
using ScimFunctions.LoadTool.Scale;
using ScimFunctions.LoadTool.Scenarios;
using ScimFunctions.Storage;
using ScimFunctions.Storage.Abstractions;
using Spectre.Console;

namespace ScimFunctions.LoadTool.Commands;

/// <summary>
/// <c>scimload scale</c>: hosts the SCIM API in-process on the given storage, fills one tenant per size (reusing a
/// tenant that already holds enough users), and measures filter latency and whole-tenant paging against size.
/// </summary>
internal static class ScaleCommand
{
    public static Command Create()
    {
        var storage = new Option<string>("--storage-connection-string") { Description = "Storage to host the API on (Azurite).", Required = true };
        var sizes = new Option<int[]>("--sizes")
        {
            Description = "Tenant sizes in users.",
            DefaultValueFactory = _ => [1_000, 10_000, 100_000],
            AllowMultipleArgumentsPerToken = true,
        };
        var httpSeedMax = new Option<int>("--http-seed-max") { Description = "Largest size seeded through HTTP; larger ones go through the store directly.", DefaultValueFactory = _ => 10_000 };
        var filterSamples = new Option<int>("--filter-samples") { DefaultValueFactory = _ => 200, Validators = { CommonOptions.Positive } };
        var scanSamples = new Option<int>("--scan-samples") { DefaultValueFactory = _ => 5, Validators = { CommonOptions.Positive } };
        var pageSize = new Option<int>("--page-size") { DefaultValueFactory = _ => 100, Validators = { CommonOptions.Positive } };
        var concurrency = CommonOptions.Concurrency();
        var json = new Option<FileInfo?>("--json") { Description = "Write the report as JSON to this file." };
        var command = new Command("scale", "Measure filters and paging against tenants of growing size (in-process host over the given storage).")
        {
            storage, sizes, httpSeedMax, filterSamples, scanSamples, pageSize, concurrency, json,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            var started = DateTimeOffset.UtcNow;
            var workers = parse.GetValue(concurrency);
            await using var host = await InProcessScimHost.StartAsync(parse.GetRequiredValue(storage), cancellationToken: cancellationToken);
            var results = new List<ScaleResult>();
            foreach (var size in parse.GetRequiredValue(sizes))
            {
                AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"tenant of {size} users…")));
                var tenant = string.Create(CultureInfo.InvariantCulture, $"scale-{size}");
                var (baseUrl, token) = await host.CreateTenantAsync(tenant, cancellationToken);
                using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
                var client = new ScimClient(http, baseUrl, token);
                var population = new Population("scale", size, 0);
                var existing = await ExistingUsersAsync(client, cancellationToken);
                var seed = existing >= size
                    ? new SeedResult("existing tenant reused", 0, 0)
                    : size <= parse.GetValue(httpSeedMax)
                        ? await Seeder.ThroughHttpAsync(client, population, (int)existing, workers, cancellationToken)
                        : await Seeder.ThroughStoreAsync(host.Services.GetRequiredService<ITenantStoreProvider>(), TenantId.Parse(tenant), population, (int)existing, workers, cancellationToken);
                var probe = new ScaleProbe(client, workers);
                IReadOnlyList<OperationStats> filters =
                [
                    .. await probe.FiltersAsync(population, parse.GetValue(filterSamples), parse.GetValue(scanSamples), cancellationToken),
                    await probe.RawPointReadsAsync(host.Services.GetRequiredService<TableStorage>().ResourceTable, tenant, parse.GetValue(filterSamples), cancellationToken),
                ];
                var indexPaging = await probe.WalkAsync(PagingMode.Index, parse.GetValue(pageSize), cancellationToken);
                var cursorPaging = await probe.WalkAsync(PagingMode.Cursor, parse.GetValue(pageSize), cancellationToken);
                results.Add(new ScaleResult(size, seed, filters, indexPaging, cursorPaging)
                {
                    Consistency = await ConsistencyCheck.RunAsync(parse.GetRequiredValue(storage), tenant, cancellationToken),
                });
                if (parse.GetValue(json) is { } partial)
                {
                    // Written after every size, so a long run that is stopped keeps what it measured.
                    await ReportJson.WriteAsync(new ScaleReport(started, workers, results, MachineInfo.Current), partial.FullName, cancellationToken);
                }
            }

            var report = new ScaleReport(started, workers, results, MachineInfo.Current);
            if (Console.IsOutputRedirected)
            {
                AnsiConsole.Profile.Width = 200;
            }

            ScaleTable.Render(report, AnsiConsole.Console);
            if (parse.GetValue(json) is { } file)
            {
                await ReportJson.WriteAsync(report, file.FullName, cancellationToken);
            }

            return 0;
        });
        return command;
    }

    private static async Task<long> ExistingUsersAsync(ScimClient client, CancellationToken cancellationToken)
    {
        var response = await client.GetAsync("count", "Users?count=0", cancellationToken);
        return response.Status == 200 ? response.TotalResults ?? 0 : throw new ScimRequestException("GET /Users?count=0", response);
    }
}
