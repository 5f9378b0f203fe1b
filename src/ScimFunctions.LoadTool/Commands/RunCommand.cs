using System.CommandLine;
using System.Text.Json;
using ScimFunctions.LoadTool.Cost;
using ScimFunctions.LoadTool.Hosting;
using ScimFunctions.LoadTool.Reporting;
using ScimFunctions.LoadTool.Scenarios;
using Spectre.Console;

namespace ScimFunctions.LoadTool.Commands;

/// <summary><c>scimload run</c>: one scenario against one tenant, with optional raw baseline, as table and JSON.</summary>
internal static class RunCommand
{
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);

    public static Command Create()
    {
        var baseUrl = CommonOptions.BaseUrl();
        baseUrl.Required = false;
        var inProcess = new Option<bool>("--in-process")
        {
            Description = "Host the SCIM API in this process on --storage-connection-string (Kestrel on 127.0.0.1), create --tenant with a fresh token, and count storage requests per request.",
        };
        var webhook = new Option<bool>("--webhook")
        {
            Description = "With --in-process: run the event dispatcher, deliver the tenant's events to a loopback receiver and report delivery lag, storage and queue requests per event and their cost (needs a queue in the connection string, e.g. Azurite's).",
        };
        var tenant = new Option<string>("--tenant") { Description = "Tenant for --in-process.", DefaultValueFactory = _ => "load" };
        var token = CommonOptions.Token();
        var scenario = new Option<string>("--scenario") { Description = "The workload.", Required = true };
        scenario.AcceptOnlyFromAmong([.. ScenarioCatalog.Names]);
        var users = new Option<int>("--users") { Description = "Users in the population.", DefaultValueFactory = _ => 100, Validators = { CommonOptions.NotNegative } };
        var groups = new Option<int>("--groups") { Description = "Groups in the population.", DefaultValueFactory = _ => 10, Validators = { CommonOptions.NotNegative } };
        var duration = new Option<TimeSpan>("--duration")
        {
            Description = "How long the mixed load runs (30s, 2m, …).",
            DefaultValueFactory = _ => TimeSpan.FromSeconds(30),
            CustomParser = CommonOptions.ParseDuration,
        };
        var operations = new Option<int?>("--operations") { Description = "Changes in an incremental cycle (default: one per user)." };
        var warmUp = new Option<int?>("--warm-up")
        {
            Description = "per-operation: unmeasured requests before the measured phases (default 1,000). CPU per request settles only after tens of thousands (JIT tiering): use 30000 for settled figures.",
            Validators = { result => { if (result.GetValueOrDefault<int?>() < 0) { result.AddError("--warm-up must not be negative."); } } },
        };
        var paging = new Option<PagingMode>("--paging") { Description = "okta-import paging: Index or Cursor (RFC 9865).", DefaultValueFactory = _ => PagingMode.Index };
        var pageSize = new Option<int>("--page-size") { Description = "Page size of imports.", DefaultValueFactory = _ => 100, Validators = { CommonOptions.Positive } };
        var prefix = new Option<string>("--prefix") { Description = "Names the population (userName prefix).", DefaultValueFactory = _ => "load" };
        var concurrency = CommonOptions.Concurrency();
        var rawBaseline = new Option<bool>("--raw-baseline") { Description = "Also measure the same storage work with Azure.Data.Tables directly." };
        var storage = CommonOptions.StorageConnectionString();
        var baselineIterations = new Option<int>("--baseline-iterations") { DefaultValueFactory = _ => 200, Validators = { CommonOptions.Positive } };
        var json = new Option<FileInfo?>("--json") { Description = "Write the report as JSON to this file." };
        var prices = new Option<FileInfo?>("--prices") { Description = "A JSON price sheet overriding the built-in list prices." };
        var retries = new Option<int>("--retries") { Description = "Attempts per work item on 5xx/429/no response.", DefaultValueFactory = _ => RetryPolicy.Default.MaxAttempts, Validators = { CommonOptions.Positive } };
        var noProgress = CommonOptions.NoProgress();
        var telemetryBytes = new Option<double>("--telemetry-bytes")
        {
            Description = "Telemetry bytes ingested per request for the cost model (host.json keeps no line per successful request: ≈ 2 B of aggregates).",
            DefaultValueFactory = _ => 2,
            Validators = { CommonOptions.NotNegativeNumber },
        };
        var coldStartCpu = new Option<double>("--cold-start-cpu-seconds")
        {
            Description = "CPU seconds a new instance spends warming up, for the cost model (measured: see docs/performance.md, \"Cold start\").",
            DefaultValueFactory = _ => CostAssumptions.MeasuredColdStartCpuSeconds,
            Validators = { CommonOptions.NotNegativeNumber },
        };
        var storageLatency = new Option<double>("--storage-latency-ms")
        {
            Description = "Table Storage latency per storage request in Azure, for the cost model's CPU-based latency.",
            DefaultValueFactory = _ => CostAssumptions.Default.StorageLatencyMs,
            Validators = { CommonOptions.NotNegativeNumber },
        };

        var command = new Command("run", "Drive a SCIM endpoint with identity-provider traffic and report latency, throughput, storage requests and cost.")
        {
            baseUrl, token, scenario, users, groups, duration, operations, warmUp, paging, pageSize, prefix, concurrency,
            rawBaseline, storage, baselineIterations, json, prices, retries, noProgress, inProcess, webhook, tenant,
            telemetryBytes, coldStartCpu, storageLatency,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            var connectionString = parse.GetValue(storage);
            if ((parse.GetValue(rawBaseline) || parse.GetValue(inProcess)) && connectionString is not { Length: > 0 })
            {
                await Console.Error.WriteLineAsync("error: --raw-baseline and --in-process need --storage-connection-string.");
                return 2;
            }

            if (parse.GetValue(webhook) && !parse.GetValue(inProcess))
            {
                await Console.Error.WriteLineAsync("error: --webhook needs --in-process.");
                return 2;
            }

            await using var events = parse.GetValue(webhook) ? await WebhookLoad.StartReceiverAsync(cancellationToken) : null;
            await using var host = parse.GetValue(inProcess) ? await InProcessScimHost.StartAsync(connectionString!, cancellationToken: cancellationToken, services: events is null ? null : events.Configure) : null;
            var (target, bearer) = host is null
                ? (parse.GetValue(baseUrl), CommonOptions.ResolveToken(parse.GetValue(token)))
                : await host.CreateTenantAsync(parse.GetRequiredValue(tenant), cancellationToken);
            if (events is not null)
            {
                await events.SubscribeAsync(host!, Core.TenantId.Parse(parse.GetRequiredValue(tenant)), cancellationToken);
            }
            if (target is null || bearer is null)
            {
                await Console.Error.WriteLineAsync($"error: give --base-url and --token (or set {CommonOptions.TokenVariable}), or use --in-process.");
                return 2;
            }

            var request = new RunRequest
            {
                BaseUrl = target,
                Token = bearer,
                Scenario = parse.GetRequiredValue(scenario),
                Concurrency = parse.GetValue(concurrency),
                Retry = RetryPolicy.Default with { MaxAttempts = parse.GetValue(retries) },
                RawBaselineConnectionString = parse.GetValue(rawBaseline) ? connectionString : null,
                RawBaselineIterations = parse.GetValue(baselineIterations),
                Prices = await LoadPricesAsync(parse.GetValue(prices), cancellationToken),
                TokenStoreReads = host is null ? null : () => host.TokenStoreReads,
                InProcess = host is not null,
                LogBytes = host is null ? null : () => host.Logs.Bytes,
                CostAssumptions = CostAssumptions.Default with
                {
                    TelemetryBytesPerRequest = parse.GetValue(telemetryBytes),
                    ColdStartCpuSeconds = parse.GetValue(coldStartCpu),
                    StorageLatencyMs = parse.GetValue(storageLatency),
                },
                Settings = new ScenarioSettings
                {
                    Users = parse.GetValue(users),
                    Groups = parse.GetValue(groups),
                    Duration = parse.GetValue(duration),
                    Operations = parse.GetValue(operations),
                    WarmUp = parse.GetValue(warmUp),
                    Paging = parse.GetValue(paging),
                    PageSize = parse.GetValue(pageSize),
                    Prefix = parse.GetRequiredValue(prefix),
                },
            };

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(100) };
            var report = await ConsoleProgress.RunAsync(
                !parse.GetValue(noProgress),
                observer => LoadSession.RunAsync(request, http, observer, cancellationToken));
            if (connectionString is { Length: > 0 } && ConsistencyCheck.TenantOf(target) is { } tenantId)
            {
                report = report with { Consistency = await ConsistencyCheck.RunAsync(connectionString, tenantId, cancellationToken) };
            }

            if (Console.IsOutputRedirected)
            {
                AnsiConsole.Profile.Width = 200;
            }

            ReportTable.Render(report, AnsiConsole.Console);
            if (events is not null)
            {
                WebhookLoadTable.Render(await events.DrainAsync(host!, TimeSpan.FromSeconds(15), TimeSpan.FromMinutes(5), cancellationToken), request.Prices, AnsiConsole.Console);
            }

            if (parse.GetValue(json) is { } file)
            {
                await ReportJson.WriteAsync(report, file.FullName, cancellationToken);
                AnsiConsole.MarkupLine(Markup.Escape($"report written to {file.FullName}"));
            }

            return report.FailedWorkItems == 0 && report.Consistency?.ProblemCount is null or 0 ? 0 : 1;
        });
        return command;
    }

    private static async Task<PriceSheet> LoadPricesAsync(FileInfo? file, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            return PriceSheet.Default;
        }

        await using var stream = file.OpenRead();
        return await JsonSerializer.DeserializeAsync<PriceSheet>(stream, _json, cancellationToken)
            ?? PriceSheet.Default;
    }
}
