using System.Diagnostics;
using Azure.Data.Tables;
using ScimFunctions.LoadTool.Client;
using ScimFunctions.LoadTool.Scenarios;

namespace ScimFunctions.LoadTool.Scale;

/// <summary>
/// Measures a seeded tenant: filter latency by kind, then one full walk with index paging and one with cursor
/// paging. Filters look up users spread over the whole tenant (prime stride), so no cache is favoured.
/// </summary>
internal sealed class ScaleProbe
{
    public const string RawPointRead = "raw: point read in the tenant's table";
    public const string ScanFilter = "GET /Users?filter=title eq and displayName eq (partition scan)";

    private readonly ScimClient _client;
    private readonly ScimOperations _operations;
    private readonly int _concurrency;

    public ScaleProbe(ScimClient client, int concurrency)
    {
        _client = client;
        _operations = new ScimOperations(client);
        _concurrency = concurrency;
    }

    public async Task<IReadOnlyList<OperationStats>> FiltersAsync(Population population, int indexedSamples, int scanSamples, CancellationToken cancellationToken)
    {
        int Spread(int k) => (int)((long)k * 7919 % population.Users);
        var runner = new LoadRunner(_client, _concurrency, RetryPolicy.Default);
        var result = await runner.RunAsync(
        [
            Phase.Counted("userName eq", indexedSamples, (k, ct) => _operations.FindUserAsync("userName", population.UserName(Spread(k)), ct)),
            Phase.Counted("externalId eq", indexedSamples, (k, ct) => _operations.FindUserAsync("externalId", population.ExternalId(Spread(k)), ct)),
            Phase.Counted("scan", scanSamples, (k, ct) => ScanAsync(population, Spread(k), ct)),
        ], cancellationToken);
        return result.Operations;
    }

    public async Task<PagingResult> WalkAsync(PagingMode mode, int pageSize, CancellationToken cancellationToken)
    {
        var metrics = new MetricsCollector();
        _client.Metrics = metrics;
        var stopwatch = Stopwatch.StartNew();
        var read = mode == PagingMode.Cursor
            ? await _operations.ImportByCursorAsync(pageSize, cancellationToken)
            : await _operations.ImportByIndexAsync(pageSize, cancellationToken);
        var elapsed = stopwatch.Elapsed;
        var pages = metrics.Snapshot(elapsed) is [var only] ? only : throw new InvalidOperationException("A walk records one operation.");
        var name = mode == PagingMode.Cursor ? "cursor (RFC 9865)" : "index (startIndex/count)";
        return new PagingResult(name, pageSize, read, pages.Count, elapsed.TotalSeconds, pages.P50Ms, pages.P95Ms) { StorageRequests = pages.TotalStorageRequests };
    }

    /// <summary>
    /// The storage floor at this size: point reads straight to the table the tenant lives in (the emulator's own cost
    /// grows with the table, which the SCIM figures inherit).
    /// </summary>
    public async Task<OperationStats> RawPointReadsAsync(TableClient table, string partition, int samples, CancellationToken cancellationToken)
    {
        var metrics = new MetricsCollector();
        var stopwatch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, samples),
            new ParallelOptions { MaxDegreeOfParallelism = _concurrency, CancellationToken = cancellationToken },
            async (_, ct) =>
            {
                var started = Stopwatch.GetTimestamp();
                await table.GetEntityIfExistsAsync<TableEntity>(partition, "user|" + Guid.NewGuid().ToString(), cancellationToken: ct);
                metrics.Record(RawPointRead, Stopwatch.GetElapsedTime(started), 200, storageRequests: 1);
            });
        return metrics.Snapshot(stopwatch.Elapsed)[0];
    }

    private async Task ScanAsync(Population population, int i, CancellationToken cancellationToken)
    {
        var filter = Uri.EscapeDataString(string.Create(CultureInfo.InvariantCulture, $"title eq \"Engineer\" and displayName eq \"Load User {i:D6}\""));
        var response = await _client.GetAsync(ScanFilter, $"Users?filter={filter}&count=10", cancellationToken);
        if (response.Status != 200)
        {
            throw new ScimRequestException(ScanFilter, response);
        }
    }
}
