using System.Diagnostics;
using Azure;
using Azure.Data.Tables;
using ScimFunctions.LoadTool.Scenarios;

namespace ScimFunctions.LoadTool.Baseline;

/// <summary>
/// The storage work a SCIM endpoint cannot avoid, done directly with Azure.Data.Tables against the same storage in
/// a scratch table: the floor every SCIM figure is compared with, in latency and (in this process) CPU and allocations.
/// The scratch table is deleted afterwards.
/// </summary>
internal sealed class RawStorageBaseline
{
    private const string Partition = "baseline";
    private const int MembersPerBatch = 10;
    private const int PageSize = 100;
    private const int WarmUpIterations = 20;

    private readonly TableServiceClient _service;

    public RawStorageBaseline(TableServiceClient service) => _service = service;

    public async Task<IReadOnlyList<OperationStats>> RunAsync(int iterations, int concurrency, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        var table = _service.GetTableClient("scimloadbaseline" + Guid.NewGuid().ToString("N")[..12]);
        await table.CreateIfNotExistsAsync(cancellationToken);
        var metrics = new MetricsCollector();
        var warm = Math.Min(WarmUpIterations, iterations);
        var population = new Population("baseline", users: iterations + warm, groups: 0);
        var ids = Enumerable.Range(0, iterations + warm).Select(_ => Guid.NewGuid().ToString()).ToArray();
        var costs = new Dictionary<string, PerRequestCost>(StringComparer.Ordinal);
        var stopwatch = Stopwatch.StartNew();

        // One kind of operation at a time, like the SCIM phases, so each is measured under its own load; each first runs
        // unmeasured on its own rows (JIT, connections), then measured, with the process's CPU and allocations sampled around it.
        async Task StepAsync(string name, Func<int, Task> action)
        {
            await EachAsync(iterations, warm, concurrency, action, cancellationToken);
            var spent = await ProcessSample.MeasureAsync(() => EachAsync(0, iterations, concurrency, i => Time(metrics, name, () => action(i)), cancellationToken));
            costs[name] = PerRequestCost.Of(spent, iterations);
        }

        try
        {
            await StepAsync(OperationNames.RawInsert, i => table.AddEntityAsync(Resource($"user|{ids[i]}", Document(population, i)), cancellationToken));
            await StepAsync(OperationNames.RawTransaction, i => table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.Add, Resource($"user|{ids[i]}-2", Document(population, i))),
                new TableTransactionAction(TableTransactionActionType.Add, Index(IndexKey(population, i), ids[i])),
                new TableTransactionAction(TableTransactionActionType.Add, Index($"ix|user|externalId|{population.ExternalId(i)}", ids[i])),
            ], cancellationToken));
            await StepAsync(OperationNames.RawPointRead, i => table.GetEntityAsync<TableEntity>(Partition, $"user|{ids[i]}", cancellationToken: cancellationToken));
            await StepAsync(OperationNames.RawIndexQuery, i =>
                FirstPageAsync(table, TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey eq {IndexKey(population, i)}"), 1, cancellationToken));
            await StepAsync(OperationNames.RawMemberBatch, i => table.SubmitTransactionAsync(MemberRows(ids[i]), cancellationToken));
            await StepAsync(OperationNames.RawPageQuery, _ =>
                FirstPageAsync(table, TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {"user|"} and RowKey lt {"user}"}"), PageSize, cancellationToken));
            return [.. metrics.Snapshot(stopwatch.Elapsed).Select(o => o with { ProcessCost = costs.GetValueOrDefault(o.Operation) })];
        }
        finally
        {
            await table.DeleteAsync(CancellationToken.None);
        }
    }

    private static Task EachAsync(int first, int count, int concurrency, Func<int, Task> action, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            Enumerable.Range(first, count),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            (i, _) => new ValueTask(action(i)));

    private static string Document(Population population, int i) =>
        Population.UserDocument(population.UserName(i), population.ExternalId(i), i).ToJsonString();

    private static string IndexKey(Population population, int i) => $"ix|user|userName|{population.UserName(i)}";

    private static IEnumerable<TableTransactionAction> MemberRows(string id)
    {
        var groupId = Guid.NewGuid().ToString();
        return Enumerable.Range(0, MembersPerBatch).SelectMany(m =>
        {
            var userId = string.Create(CultureInfo.InvariantCulture, $"{id}-{m}");
            return new[]
            {
                new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(Partition, $"member|{groupId}|{userId}")),
                new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(Partition, $"memberOf|{userId}|{groupId}")),
            };
        });
    }

    private static async Task FirstPageAsync(TableClient table, string filter, int pageSize, CancellationToken cancellationToken)
    {
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: pageSize, cancellationToken: cancellationToken).AsPages())
        {
            _ = page.Values.Count;
            break;
        }
    }

    private static TableEntity Resource(string rowKey, string document) => new(Partition, rowKey) { ["Document"] = document, ["Active"] = true };

    private static TableEntity Index(string rowKey, string id) => new(Partition, rowKey) { ["Id"] = id };

    private static async Task Time(MetricsCollector metrics, string operation, Func<Task> action)
    {
        var stopwatch = Stopwatch.StartNew();
        var status = 200;
        try
        {
            await action();
        }
        catch (RequestFailedException ex)
        {
            status = ex.Status;
        }

        metrics.Record(operation, stopwatch.Elapsed, status, storageRequests: 1);
    }
}
