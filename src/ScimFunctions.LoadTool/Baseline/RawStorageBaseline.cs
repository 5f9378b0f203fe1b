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
        var stopwatch = Stopwatch.StartNew();
        try
        {
            await Parallel.ForEachAsync(
                Enumerable.Range(0, iterations),
                new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
                (i, ct) => new ValueTask(IterationAsync(table, metrics, i, ct)));
            return metrics.Snapshot(stopwatch.Elapsed);
        }
        finally
        {
            await table.DeleteAsync(CancellationToken.None);
        }
    }

    private static async Task IterationAsync(TableClient table, MetricsCollector metrics, int i, CancellationToken cancellationToken)
    {
        var population = new Population("baseline", users: 0, groups: 0);
        var document = Population.UserDocument(population.UserName(i), population.ExternalId(i), i).ToJsonString();
        var id = Guid.NewGuid().ToString();

        await TimeAsync(metrics, RawOperationNames.Insert, () => table.AddEntityAsync(Resource($"user|{id}", document), cancellationToken));

        var secondId = Guid.NewGuid().ToString();
        await TimeAsync(metrics, RawOperationNames.Transaction, () => table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, Resource($"user|{secondId}", document)),
            new TableTransactionAction(TableTransactionActionType.Add, Index($"ix|user|userName|{population.UserName(i)}", secondId)),
            new TableTransactionAction(TableTransactionActionType.Add, Index($"ix|user|externalId|{population.ExternalId(i)}", secondId)),
        ], cancellationToken));

        await TimeAsync(metrics, RawOperationNames.PointRead, () => table.GetEntityAsync<TableEntity>(Partition, $"user|{id}", cancellationToken: cancellationToken));

        var indexKey = $"ix|user|userName|{population.UserName(i)}";
        await TimeAsync(metrics, RawOperationNames.IndexQuery, async () =>
        {
            await foreach (var page in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey eq {indexKey}"), cancellationToken: cancellationToken).AsPages())
            {
                _ = page.Values.Count;
                break;
            }
        });

        var groupId = Guid.NewGuid().ToString();
        await TimeAsync(metrics, RawOperationNames.MemberBatch, () => table.SubmitTransactionAsync(
            Enumerable.Range(0, MembersPerBatch).SelectMany(m =>
            {
                var userId = string.Create(CultureInfo.InvariantCulture, $"{id}-{m}");
                return new[]
                {
                    new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(Partition, $"member|{groupId}|{userId}")),
                    new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(Partition, $"memberOf|{userId}|{groupId}")),
                };
            }), cancellationToken));

        await TimeAsync(metrics, RawOperationNames.PageQuery, async () =>
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {"user|"} and RowKey lt {"user}"}");
            await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: PageSize, cancellationToken: cancellationToken).AsPages())
            {
                _ = page.Values.Count;
                break;
            }
        });
    }

    private static TableEntity Resource(string rowKey, string document) => new(Partition, rowKey) { ["Document"] = document, ["Active"] = true };

    private static TableEntity Index(string rowKey, string id) => new(Partition, rowKey) { ["Id"] = id };

    private static async Task TimeAsync(MetricsCollector metrics, string operation, Func<Task> action)
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
