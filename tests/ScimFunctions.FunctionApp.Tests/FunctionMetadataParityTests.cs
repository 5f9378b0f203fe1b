using System.Text.Json.Nodes;
using ScimFunctions.FunctionApp.Tests.Support;
using ScimFunctions.Http.Routing;

namespace ScimFunctions.FunctionApp.Tests;

/// <summary>
/// The functions.metadata the SDK generated from the built Function App (what the Functions host indexes) matches
/// the HTTP layer's route table exactly: one anonymous HTTP function per route, same name, template and methods, nothing else.
/// </summary>
public sealed class FunctionMetadataParityTests
{
    [Fact]
    public void Every_route_has_exactly_one_function_with_the_same_template_and_methods_and_there_is_no_other_function()
    {
        Assert.Empty(RouteParity.Differences(ScimRoutes.All, FunctionMetadata.Built));
        Assert.Equal(ScimRoutes.All.Count + RouteParity.BackgroundFunctions.Count, FunctionMetadata.Built.Count);
        Assert.All(RouteParity.BackgroundFunctions, background => Assert.Contains(FunctionMetadata.Built, f => f.Name == background.Name && f.TriggerType == background.Trigger));
    }

    [Fact]
    public void Every_function_runs_in_the_app_assembly_on_the_isolated_worker()
    {
        var metadata = FunctionMetadata.ReadBuilt();

        Assert.All(metadata, f => Assert.Equal("dotnet-isolated", (string?)f!["language"]));
        Assert.All(FunctionMetadata.Built, f => Assert.Equal("ScimFunctions.FunctionApp.dll", f.ScriptFile));
        Assert.All(FunctionMetadata.Built, f => Assert.StartsWith("ScimFunctions.FunctionApp.", f.EntryPoint, StringComparison.Ordinal));
    }

    // The checks below alter the built metadata in memory, so they show the comparison catches each kind of drift.

    [Fact]
    public void Removing_a_function_is_detected()
    {
        var problems = Differences(metadata => metadata.Remove(metadata.Single(f => (string?)f!["name"] == "GetUser")));

        Assert.Contains(problems, p => p.StartsWith("Route GetUser", StringComparison.Ordinal));
    }

    [Fact]
    public void Adding_a_function_without_a_route_is_detected()
    {
        var problems = Differences(metadata =>
        {
            var extra = metadata.Single(f => (string?)f!["name"] == "GetUser")!.DeepClone();
            extra["name"] = "Sneaky";
            metadata.Add(extra);
        });

        Assert.Contains(problems, p => p.StartsWith("Function Sneaky", StringComparison.Ordinal));
    }

    [Fact]
    public void A_second_function_of_the_same_name_is_detected()
    {
        var problems = Differences(metadata => metadata.Add(metadata.Single(f => (string?)f!["name"] == "GetUser")!.DeepClone()));

        Assert.Contains(problems, p => p.StartsWith("Function name 'GetUser' is declared 2 times", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("PatchUser", "methods", "post", "Function PatchUser accepts [post]")]
    [InlineData("SearchGroups", "route", "scim/v2/{tenantId}/Groups/search", "Function SearchGroups has route")]
    [InlineData("DeleteGroup", "authLevel", "Function", "Function DeleteGroup has authLevel 'Function'")]
    [InlineData("Health", "type", "timerTrigger", "Function Health has trigger")]
    public void Changing_a_method_a_template_the_auth_level_or_the_trigger_is_detected(string function, string property, string value, string expected)
    {
        var problems = Differences(metadata =>
        {
            var binding = metadata.Single(f => (string?)f!["name"] == function)!["bindings"]![0]!;
            binding[property] = property == "methods" ? new JsonArray(value) : value;
        });

        Assert.Contains(problems, p => p.StartsWith(expected, StringComparison.Ordinal));
    }

    private static IReadOnlyList<string> Differences(Action<JsonArray> change)
    {
        var metadata = FunctionMetadata.ReadBuilt();
        change(metadata);
        return RouteParity.Differences(ScimRoutes.All, FunctionMetadata.Describe(metadata));
    }
}
