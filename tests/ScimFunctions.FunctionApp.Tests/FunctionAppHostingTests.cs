using System.Text.Json;
using System.Text.RegularExpressions;
using ScimFunctions.FunctionApp.Tests.Support;
using ScimFunctions.Http.Routing;

namespace ScimFunctions.FunctionApp.Tests;

/// <summary>What the Functions host reads from the built app besides the functions: host.json and worker.config.json.</summary>
public sealed class FunctionAppHostingTests
{
    [Fact]
    public void Host_json_in_the_output_sets_an_empty_route_prefix_so_function_routes_are_whole_paths()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(FunctionAppOutput.File("host.json")));

        Assert.Equal("2.0", hostJson.RootElement.GetProperty("version").GetString());
        Assert.Equal(string.Empty, hostJson.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
    }

    [Fact]
    public void Host_json_ingests_no_line_per_successful_request_and_keeps_warnings_errors_and_aggregates()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(FunctionAppOutput.File("host.json")));
        var logging = hostJson.RootElement.GetProperty("logging");
        var levels = logging.GetProperty("logLevel");

        // The worker's lines (category Function.<name>.User) and the host's Executing/Executed lines: warnings and up.
        Assert.Equal("Warning", levels.GetProperty("Function").GetString());
        Assert.Equal("Warning", levels.GetProperty("default").GetString());
        // Request telemetry of failed invocations only; the aggregator's per-function counts and durations stay.
        Assert.Equal("Error", levels.GetProperty("Host.Results").GetString());
        Assert.Equal("Information", levels.GetProperty("Host.Aggregator").GetString());
        var sampling = logging.GetProperty("applicationInsights").GetProperty("samplingSettings");
        Assert.True(sampling.GetProperty("isEnabled").GetBoolean());
        Assert.DoesNotContain("Request", sampling.GetProperty("excludedTypes").GetString()!.Split(';'));
    }

    [Fact]
    public void Worker_config_starts_the_app_dll_with_dotnet_as_an_isolated_worker()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(FunctionAppOutput.File("worker.config.json")));
        var description = config.RootElement.GetProperty("description");

        Assert.Equal("dotnet-isolated", description.GetProperty("language").GetString());
        Assert.Equal("dotnet", description.GetProperty("defaultExecutablePath").GetString());
        Assert.Equal("ScimFunctions.FunctionApp.dll", description.GetProperty("defaultWorkerPath").GetString());
    }

    [Fact]
    public void No_route_uses_a_prefix_the_Functions_host_reserves()
    {
        // The host answers /admin/... and /runtime/... itself and refuses functions whose routes start with them.
        Assert.DoesNotContain(FunctionMetadata.Built, f => f.Route is { } route && (route.StartsWith("admin", StringComparison.OrdinalIgnoreCase) || route.StartsWith("runtime", StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(ScimRoutes.All, r => r.Name.StartsWith("admin", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Function_names_are_valid_and_unique()
    {
        Assert.All(FunctionMetadata.Built, f => Assert.Matches(new Regex("^[A-Za-z][A-Za-z0-9_-]{0,126}$"), f.Name));
        Assert.Equal(FunctionMetadata.Built.Count, FunctionMetadata.Built.Select(f => f.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }
}
