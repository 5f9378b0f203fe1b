using Azure.Data.Tables;
using ScimFunctions.LoadTool.Baseline;
using ScimFunctions.LoadTool.Client;
using ScimFunctions.LoadTool.Cost;
using ScimFunctions.LoadTool.Reporting;
using ScimFunctions.LoadTool.Scenarios;

namespace ScimFunctions.LoadTool.Running;

/// <summary>Runs a scenario against an endpoint, then the raw baseline when asked, and assembles the report.</summary>
internal static class LoadSession
{
    public static async Task<LoadReport> RunAsync(RunRequest request, HttpClient http, IRunObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var client = new ScimClient(http, request.BaseUrl, request.Token);
        var scenario = ScenarioCatalog.Create(request.Scenario);
        var context = new ScenarioContext(new ScimOperations(client), request.Settings);
        var runner = new LoadRunner(client, request.Concurrency, request.Retry, observer, request.LogBytes);
        var started = DateTimeOffset.UtcNow;
        var tokenReadsBefore = request.TokenStoreReads?.Invoke();
        var result = await runner.RunAsync(scenario.Phases(context), cancellationToken);
        var assumptions = request.CostAssumptions;
        if (tokenReadsBefore is { } before && request.TokenStoreReads!() - before is var reads && result.Operations.Sum(o => o.Count) is > 0 and var requests)
        {
            assumptions = assumptions with { MeasuredTokenStoreReadsPerOperation = (double)reads / requests };
        }

        IReadOnlyList<OperationStats> raw = [];
        if (request.RawBaselineConnectionString is { Length: > 0 } connectionString)
        {
            raw = await new RawStorageBaseline(new TableServiceClient(connectionString))
                .RunAsync(request.RawBaselineIterations, request.Concurrency, cancellationToken);
        }

        var operations = BaselineComparison.WithRatios(result.Operations, raw);
        IReadOnlyList<PhaseCost> phases = [];
        if (request.InProcess)
        {
            var counts = result.Phases.SelectMany(p => p.Requests).GroupBy(r => r.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(r => r.Value), StringComparer.Ordinal);
            var generator = await GeneratorCalibration.RunAsync(client.Samples, counts, request.Concurrency, cancellationToken);
            var rawCosts = raw.Where(r => r.ProcessCost is not null).ToDictionary(r => r.Operation, r => r.ProcessCost!.Value, StringComparer.Ordinal);
            phases = [.. result.Phases.Select(p => p.WithFloors(
                generator,
                operation => OperationNames.ComparedWith(operation) is { } name && rawCosts.TryGetValue(name, out var cost) ? cost : null))];
        }

        var figures = new Dictionary<string, double>(StringComparer.Ordinal);
        if (scenario is OktaImportScenario import)
        {
            figures["users read by the import"] = import.UsersRead;
        }

        return new LoadReport(
            request.Settings.Paging == PagingMode.Cursor && scenario is OktaImportScenario ? $"{scenario.Name} (cursor)" : scenario.Name,
            request.BaseUrl.GetLeftPart(UriPartial.Path),
            started,
            request.Concurrency,
            request.Settings.Users,
            request.Settings.Groups,
            result.Elapsed.TotalSeconds,
            result.WorkItems,
            result.FailedWorkItems,
            result.SampleFailures,
            operations)
        {
            RawBaseline = raw,
            Phases = phases,
            Costs = CostModel.Estimate(operations, request.Prices, assumptions),
            CostGrid = phases.FirstOrDefault(p => p.Phase == PerOperationScenario.MixName) is { } mix
                ? CostModel.Grid(mix.Phase, mix.Host.CpuMs, mix.StorageRequestsPerRequest ?? 0, request.Prices, assumptions)
                : [],
            Prices = request.Prices,
            CostAssumptions = assumptions,
            Machine = MachineInfo.Current,
            Figures = figures,
        };
    }
}
