using ScimFunctions.Http.Routing;

namespace ScimFunctions.FunctionApp.Tests;

/// <summary>The Function App serves exactly the HTTP layer's route table: one function per route, nothing else.</summary>
public sealed class FunctionAppRouteParityTests
{
    private static readonly IReadOnlyList<(string Path, string Text)> _sources = FunctionSource.ReadProject();

    [Fact]
    public void Every_function_is_written_in_the_one_line_form_the_check_reads()
    {
        var (functions, problems) = FunctionSource.Parse(_sources);

        Assert.Empty(problems);
        Assert.NotEmpty(functions);
    }

    [Fact]
    public void Every_route_has_exactly_one_function_with_the_same_template_and_methods_and_there_is_no_other_function()
    {
        var (functions, _) = FunctionSource.Parse(_sources);

        Assert.Empty(RouteParity.Differences(ScimRoutes.All, functions));
        Assert.Equal(ScimRoutes.All.Count, functions.Count);
    }

    [Fact]
    public void Removing_a_function_is_detected()
    {
        var altered = Alter(text => text.Replace(
            "    [Function(\"GetUser\")]\n    public static Task GetUser([HttpTrigger(AuthorizationLevel.Anonymous, \"get\", Route = \"scim/v2/{tenantId}/Users/{id}\")] HttpRequest req)\n        => ScimEndpoints.HandleAsync(req.HttpContext, \"GetUser\");\n",
            string.Empty,
            StringComparison.Ordinal));

        var problems = RouteParity.Differences(ScimRoutes.All, FunctionSource.Parse(altered).Functions);

        Assert.Contains(problems, p => p.StartsWith("Route GetUser", StringComparison.Ordinal));
    }

    [Fact]
    public void Adding_a_function_without_a_route_is_detected()
    {
        var altered = _sources.Append(("Extra.cs", """
            public static class Extra
            {
                [Function("Sneaky")]
                public static Task Sneaky([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "scim/v2/{tenantId}/Sneaky")] HttpRequest req)
                    => ScimEndpoints.HandleAsync(req.HttpContext, "Sneaky");
            }
            """)).ToList();

        var problems = RouteParity.Differences(ScimRoutes.All, FunctionSource.Parse(altered).Functions);

        Assert.Contains(problems, p => p.StartsWith("Function Sneaky", StringComparison.Ordinal));
    }

    [Fact]
    public void A_function_in_another_form_is_reported_rather_than_skipped()
    {
        var altered = _sources.Append(("Odd.cs", """
            public class Odd
            {
                [Function("Odd")]
                public async Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Function, "get")] HttpRequest req) { return null; }
            }
            """)).ToList();

        Assert.Contains(FunctionSource.Parse(altered).Problems, p => p.StartsWith("Odd.cs", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("\"patch\", Route = \"scim/v2/{tenantId}/Users/{id}\"", "\"post\", Route = \"scim/v2/{tenantId}/Users/{id}\"", "Function PatchUser accepts")]
    [InlineData("Route = \"scim/v2/{tenantId}/Groups/.search\"", "Route = \"scim/v2/{tenantId}/Groups/search\"", "Function SearchGroups has route")]
    [InlineData("HandleAsync(req.HttpContext, \"DeleteGroup\")", "HandleAsync(req.HttpContext, \"GetGroup\")", "Function DeleteGroup calls")]
    public void Changing_a_method_a_template_or_the_handler_is_detected(string original, string replacement, string expected)
    {
        var altered = Alter(text => text.Replace(original, replacement, StringComparison.Ordinal));

        var problems = RouteParity.Differences(ScimRoutes.All, FunctionSource.Parse(altered).Functions);

        Assert.Contains(problems, p => p.StartsWith(expected, StringComparison.Ordinal));
    }

    private static List<(string Path, string Text)> Alter(Func<string, string> change)
    {
        var altered = _sources.Select(source => (source.Path, Text: change(source.Text))).ToList();
        Assert.NotEqual(_sources.Select(s => s.Text), altered.Select(s => s.Text));
        return altered;
    }
}
