using ScimFunctions.LoadTool.Metrics;

namespace ScimFunctions.LoadTool.Tests.Metrics;

public class MetricsCollectorTests
{
    [Fact]
    public void Statistics_are_per_operation_with_latency_percentiles_throughput_and_statuses()
    {
        var collector = new MetricsCollector();
        for (var ms = 1; ms <= 100; ms++)
        {
            collector.Record("GET", TimeSpan.FromMilliseconds(101 - ms), ms <= 98 ? 200 : 503, storageRequests: 2);
        }

        collector.Record("POST", TimeSpan.FromMilliseconds(40), 201, storageRequests: 1);

        var stats = collector.Snapshot(TimeSpan.FromSeconds(10));

        var get = Assert.Single(stats, s => s.Operation == "GET");
        Assert.Equal(100, get.Count);
        Assert.Equal(10, get.ThroughputPerSecond, precision: 6);
        Assert.Equal(50, get.P50Ms, precision: 6);
        Assert.Equal(95, get.P95Ms, precision: 6);
        Assert.Equal(99, get.P99Ms, precision: 6);
        Assert.Equal(100, get.MaxMs, precision: 6);
        Assert.Equal(50.5, get.MeanMs, precision: 6);
        Assert.Equal(98, get.Statuses[200]);
        Assert.Equal(2, get.Statuses[503]);
        Assert.Equal(2, get.ErrorCount);
        Assert.Equal(2, get.StorageRequestsPerOperation);
        Assert.Equal(200, get.TotalStorageRequests);
        Assert.Equal(["GET", "POST"], stats.Select(s => s.Operation));
        Assert.Equal(101, collector.Completed);
    }

    [Fact]
    public void Storage_requests_are_unknown_when_the_server_never_reported_them()
    {
        var collector = new MetricsCollector();
        collector.Record("GET", TimeSpan.FromMilliseconds(3), 200);

        var stats = Assert.Single(collector.Snapshot(TimeSpan.FromSeconds(1)));

        Assert.Null(stats.StorageRequestsPerOperation);
        Assert.Null(stats.TotalStorageRequests);
    }

    [Fact]
    public void Not_modified_counts_as_success_but_no_response_counts_as_an_error()
    {
        var collector = new MetricsCollector();
        collector.Record("GET", TimeSpan.FromMilliseconds(1), 304);
        collector.Record("GET", TimeSpan.FromMilliseconds(1), 0);

        var stats = Assert.Single(collector.Snapshot(TimeSpan.FromSeconds(1)));

        Assert.Equal(1, stats.ErrorCount);
    }

    [Fact]
    public async Task Samples_recorded_concurrently_are_all_kept()
    {
        var collector = new MetricsCollector();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                collector.Record("GET", TimeSpan.FromMilliseconds(i), 200, 1);
            }
        })));

        var stats = Assert.Single(collector.Snapshot(TimeSpan.FromSeconds(1)));
        Assert.Equal(8000, stats.Count);
        Assert.Equal(8000, stats.TotalStorageRequests);
    }
}
