using System.Diagnostics;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using ScimFunctions.LoadTool.Metrics;
using ScimFunctions.LoadTool.Scenarios;

namespace ScimFunctions.LoadTool.Baseline;

/// <summary>
/// The storage work a SCIM endpoint cannot avoid, done directly with Azure.Data.Tables against the same storage in
/// a scratch table: the floor every SCIM figure is compared with. The scratch table is deleted afterwards.
/// </summary>
internal sealed class RawStorageBaseline
{
    private const string Partition = "baseline";
    private const int MembersPerBatch = 10;
    private const int PageSize = 100;

    private readonly TableServiceClient _service;

    public RawStorageBaseline(TableServiceClient service) => _service = service;

    public async Task<IReadOnlyList<OperationStats>> RunAsync(int iterations, int concurrency, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        var table = _service.GetTableClient("scimloadbaseline" + Guid.NewGuid().ToString("N")[..12]);
        await table.CreateIfNotExistsAsync(cancellationToken);
        var metrics = new MetricsCollector();
        var population = new Population("baseline", users: iterations, groups: 0);
        var ids = Enumerable.Range(0, iterations).Select(_ => Guid.NewGuid().ToString()).ToArray();
        var stopwatch = Stopwatch.StartNew();
        try
        {
            // One kind of operation at a time, like the SCIM phases, so each is measured under its own load.
            await EachAsync(iterations, concurrency, i => Time(metrics, RawOperationNames.Insert, () =>
                table.AddEntityAsync(Resource($"user|{ids[i]}", Document(population, i)), cancellationToken)), cancellationToken);
            await EachAsync(iterations, concurrency, i => Time(metrics, RawOperationNames.Transaction, () => table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.Add, Resource($"user|{ids[i]}-2", Document(population, i))),
                new TableTransactionAction(TableTransactionActionType.Add, Index(IndexKey(population, i), ids[i])),
                new TableTransactionAction(TableTransactionActionType.Add, Index($"ix|user|externalId|{population.ExternalId(i)}", ids[i])),
            ], cancellationToken)), cancellationToken);
            await EachAsync(iterations, concurrency, i => Time(metrics, RawOperationNames.PointRead, () =>
                table.GetEntityAsync<TableEntity>(Partition, $"user|{ids[i]}", cancellationToken: cancellationToken)), cancellationToken);
            await EachAsync(iterations, concurrency, i => Time(metrics, RawOperationNames.IndexQuery, () =>
                FirstPageAsync(table, TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey eq {IndexKey(population, i)}"), 1, cancellationToken)), cancellationToken);
            await EachAsync(iterations, concurrency, i => Time(metrics, RawOperationNames.MemberBatch, () =>
                table.SubmitTransactionAsync(MemberRows(ids[i]), cancellationToken)), cancellationToken);
            await EachAsync(iterations, concurrency, _ => Time(metrics, RawOperationNames.PageQuery, () =>
                FirstPageAsync(table, TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {"user|"} and RowKey lt {"user}"}"), PageSize, cancellationToken)), cancellationToken);
            return metrics.Snapshot(stopwatch.Elapsed);
        }
        finally
        {
            await table.DeleteAsync(CancellationToken.None);
        }
    }

    private static Task EachAsync(int iterations, int concurrency, Func<int, Task> action, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            Enumerable.Range(0, iterations),
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
