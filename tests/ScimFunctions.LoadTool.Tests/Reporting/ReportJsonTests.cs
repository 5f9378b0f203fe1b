using System.Text.Json.Nodes;
using ScimFunctions.LoadTool.Reporting;
using ScimFunctions.LoadTool.Scenarios;

namespace ScimFunctions.LoadTool.Tests.Reporting;

public class ReportJsonTests
{
    [Fact]
    public void Json_carries_every_figure_as_numbers_in_camel_case()
    {
        var json = JsonNode.Parse(ReportJson.Serialize(ReportSamples.Create()))!;

        Assert.Equal("entra-initial", (string?)json["scenario"]);
        Assert.Equal(200, (long)json["totalRequests"]!);
        Assert.Equal(50.0, (double)json["throughputPerSecond"]!);
        Assert.Equal(600, (long)json["totalStorageRequests"]!);
        var create = json["operations"]!.AsArray().Single(o => (string?)o!["operation"] == OperationNames.CreateUser)!;
        Assert.Equal(50.0, (double)create["p50Ms"]!);
        Assert.Equal(95.0, (double)create["p95Ms"]!);
        Assert.Equal(99.0, (double)create["p99Ms"]!);
        Assert.Equal(4.0, (double)create["storageRequestsPerOperation"]!);
        Assert.Equal(5.0, (double)create["rawBaselineRatio"]!);
        Assert.Equal(3, (long)create["statuses"]!["503"]!);
        Assert.Equal(3, (long)create["errorCount"]!);
        Assert.Equal("East US", (string?)json["prices"]!["region"]);
        Assert.Equal(2, (int)json["machine"]!["processorCount"]!);
        Assert.NotEmpty(json["costs"]!.AsArray());
    }

    [Fact]
    public async Task The_report_file_is_the_serialized_report()
    {
        var path = Path.Combine(Path.GetTempPath(), $"scimload-{Guid.NewGuid():N}.json");
        try
        {
            var report = ReportSamples.Create();
            await ReportJson.WriteAsync(report, path);

            Assert.Equal(ReportJson.Serialize(report), await File.ReadAllTextAsync(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
