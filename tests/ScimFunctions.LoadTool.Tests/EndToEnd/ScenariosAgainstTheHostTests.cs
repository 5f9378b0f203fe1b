using ScimFunctions.LoadTool.Client;
using ScimFunctions.LoadTool.Hosting;
using ScimFunctions.LoadTool.Running;
using ScimFunctions.LoadTool.Scenarios;
using ScimFunctions.Testing;

namespace ScimFunctions.LoadTool.Tests.EndToEnd;

/// <summary>The workloads against the real HTTP layer on Kestrel (shared Azurite): they run clean and are measured.</summary>
public sealed class ScenariosAgainstTheHostTests : IAsyncLifetime, IDisposable
{
    private const int Users = 30;
    private const int Groups = 3;
    private InProcessScimHost? _host;
    private ScimClient? _client;
    private HttpClient? _http;
    private string _tenant = string.Empty;

    public async Task InitializeAsync()
    {
        _host = await InProcessScimHost.StartAsync(await SharedAzurite.GetConnectionStringAsync());
        _tenant = "load-" + Guid.NewGuid().ToString("N")[..10];
        var (baseUrl, token) = await _host.CreateTenantAsync(_tenant);
        _http = new HttpClient();
        _client = new ScimClient(_http, baseUrl, token);
    }

    public void Dispose() => _http?.Dispose();

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Each_scenario_runs_without_failures_and_every_request_reports_its_storage_requests()
    {
        var initial = await RunAsync("entra-initial", new ScenarioSettings { Users = Users, Groups = Groups });
        Assert.Equal(0, initial.FailedWorkItems);
        Assert.Equal(Users, Operation(initial, OperationNames.CreateUser).Count);
        Assert.Equal(Groups, Operation(initial, OperationNames.CreateGroup).Count);
        Assert.All(initial.Operations, o => Assert.True(o.StorageRequestsPerOperation > 0, $"{o.Operation} reported no storage requests"));

        var incremental = await RunAsync("entra-incremental", new ScenarioSettings { Users = Users, Groups = Groups });
        Assert.Equal(0, incremental.FailedWorkItems);
        Assert.Equal(Users, Operation(incremental, OperationNames.PatchUser).Count);
        Assert.DoesNotContain(incremental.Operations, o => o.Operation == OperationNames.CreateUser);

        var mixed = await RunAsync("mixed", new ScenarioSettings { Users = Users, Groups = Groups, Duration = TimeSpan.FromSeconds(2) });
        Assert.Equal(0, mixed.FailedWorkItems);
        Assert.True(mixed.WorkItems > 0); // how many fit in 2 s depends on the machine; that it ran and failed nothing is the point

        var consistency = await ConsistencyCheck.RunAsync(await SharedAzurite.GetConnectionStringAsync(), _tenant, CancellationToken.None);
        Assert.Equal(0, consistency.ProblemCount);
    }

    [Fact]
    public async Task A_run_counts_token_store_reads_the_verifier_cache_keeps_to_one_per_ttl()
    {
        var (baseUrl, token) = await _host!.CreateTenantAsync("load-" + Guid.NewGuid().ToString("N")[..10]);
        var request = new RunRequest
        {
            BaseUrl = baseUrl,
            Token = token,
            Scenario = "entra-initial",
            Concurrency = 4,
            TokenStoreReads = () => _host.TokenStoreReads,
            Settings = new ScenarioSettings { Users = Users, Groups = Groups },
        };

        var report = await LoadSession.RunAsync(request, _http!);

        var requests = report.Operations.Sum(o => o.Count);
        var measured = report.CostAssumptions!.MeasuredTokenStoreReadsPerOperation;
        Assert.NotNull(measured);
        // The first request of the run misses the verifier cache (a fresh token); the rest are served from it.
        Assert.Equal(1.0 / requests, measured.Value, 9);
        Assert.Equal(Math.Max(measured.Value, report.CostAssumptions.ModelledKeyVaultReadsPerOperation), report.CostAssumptions.KeyVaultReadsPerOperation);
    }

    [Theory]
    [InlineData("index", OperationNames.ListByIndex)]
    [InlineData("cursor", OperationNames.ListByCursor)]
    public async Task An_import_reads_every_user_once_in_pages(string mode, string operation)
    {
        var paging = mode == "cursor" ? PagingMode.Cursor : PagingMode.Index;
        var scenario = new OktaImportScenario();
        var context = new ScenarioContext(new ScimOperations(_client!), new ScenarioSettings { Users = Users, Groups = 0, PageSize = 7, Paging = paging });
        var result = await new LoadRunner(_client!, 4, RetryPolicy.Default).RunAsync(scenario.Phases(context));

        Assert.Equal(0, result.FailedWorkItems);
        Assert.Equal(Users, scenario.UsersRead);
        Assert.Equal((Users + 6) / 7, Operation(result, operation).Count);
    }

    private async Task<RunResult> RunAsync(string scenario, ScenarioSettings settings)
    {
        var context = new ScenarioContext(new ScimOperations(_client!), settings);
        return await new LoadRunner(_client!, 4, RetryPolicy.Default).RunAsync(ScenarioCatalog.Create(scenario).Phases(context));
    }

    private static LoadTool.Metrics.OperationStats Operation(RunResult result, string name) => Assert.Single(result.Operations, o => o.Operation == name);
}
