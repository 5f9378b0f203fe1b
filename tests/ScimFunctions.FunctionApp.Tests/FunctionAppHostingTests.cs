using System.Text.Json;
using System.Text.RegularExpressions;
using ScimFunctions.Http.Routing;

namespace ScimFunctions.FunctionApp.Tests;

/// <summary>What the Functions host needs from the app, checked from source and host.json (the app cannot be built here).</summary>
public sealed class FunctionAppHostingTests
{
    [Fact]
    public void Program_uses_the_ASP_NET_Core_integration_and_the_shared_HTTP_layer()
    {
        var program = File.ReadAllText(Path.Combine(FunctionSource.ProjectDirectory, "Program.cs"));

        Assert.Contains("FunctionsApplication.CreateBuilder(args)", program, StringComparison.Ordinal);
        Assert.Contains("ConfigureFunctionsWebApplication()", program, StringComparison.Ordinal);
        Assert.Contains("AddScimHttp(builder.Configuration)", program, StringComparison.Ordinal);
        Assert.DoesNotContain("ConfigureFunctionsWorkerDefaults", program, StringComparison.Ordinal); // AZFW0014 with the ASP.NET Core package
    }

    [Fact]
    public void Host_json_sets_an_empty_route_prefix_so_function_routes_are_whole_paths()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(FunctionSource.RepositoryRoot(), "host.json")));

        Assert.Equal("2.0", hostJson.RootElement.GetProperty("version").GetString());
        Assert.Equal(string.Empty, hostJson.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
    }

    [Fact]
    public void No_route_uses_a_prefix_the_Functions_host_reserves()
    {
        // The host answers /admin/... and /runtime/... itself and refuses functions whose routes start with them.
        Assert.DoesNotContain(ScimRoutes.All, r => r.Template.StartsWith("admin", StringComparison.OrdinalIgnoreCase) || r.Template.StartsWith("runtime", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(ScimRoutes.All, r => r.Name.StartsWith("admin", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Function_names_are_valid_and_unique()
    {
        Assert.All(ScimRoutes.All, r => Assert.Matches(new Regex("^[A-Za-z][A-Za-z0-9_-]{0,126}$"), r.Name));
        Assert.Equal(ScimRoutes.All.Count, ScimRoutes.All.Select(r => r.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }
}
