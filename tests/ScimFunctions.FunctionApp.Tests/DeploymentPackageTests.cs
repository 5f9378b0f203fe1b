using System.IO.Compression;
using System.Reflection.PortableExecutable;
using System.Text.Json.Nodes;
using ScimFunctions.FunctionApp.Tests.Support;
using ScimFunctions.Http.Routing;
using ScimFunctions.Testing;

namespace ScimFunctions.FunctionApp.Tests;

/// <summary>
/// The zip eng/publish.sh writes (eng/test.sh runs it before the tests) is what Flex Consumption runs: the SDK's host
/// files at the archive root, the app's DLL started by the platform's <c>dotnet</c>, no local settings.
/// </summary>
public sealed class DeploymentPackageTests
{
    private static readonly string s_package = Path.Combine(RepositoryRoot.Find(), "artifacts", "publish", "functionapp.zip");

    [Fact]
    public void The_package_holds_the_host_files_and_the_app_at_its_root()
    {
        using var zip = Open();
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);

        Assert.All(
            ["host.json", "functions.metadata", "extensions.json", "worker.config.json", "ScimFunctions.FunctionApp.dll", "ScimFunctions.FunctionApp.deps.json", "ScimFunctions.FunctionApp.runtimeconfig.json", "ScimFunctions.Http.dll"],
            name => Assert.True(entries.Contains(name), $"{name} is not at the root of {s_package}."));
        Assert.DoesNotContain(entries, e => Path.GetFileName(e).Equals("local.settings.json", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Its_functions_metadata_is_the_route_table()
    {
        using var zip = Open();

        var functions = FunctionMetadata.Describe(Json(zip, "functions.metadata").AsArray());

        Assert.Empty(RouteParity.Differences(ScimRoutes.All, functions));
    }

    [Fact]
    public void The_worker_is_the_framework_dependent_app_dll_started_with_dotnet_10()
    {
        using var zip = Open();
        var worker = Json(zip, "worker.config.json")["description"]!;
        var runtime = Json(zip, "ScimFunctions.FunctionApp.runtimeconfig.json")["runtimeOptions"]!;

        Assert.Equal("dotnet-isolated", (string?)worker["language"]);
        Assert.Equal("dotnet", (string?)worker["defaultExecutablePath"]);
        Assert.Equal("ScimFunctions.FunctionApp.dll", (string?)worker["defaultWorkerPath"]);
        Assert.Equal("net10.0", (string?)runtime["tfm"]);
        Assert.Null(runtime["includedFrameworks"]); // self-contained would bring its own runtime
        Assert.Contains(runtime["frameworks"]!.AsArray(), f => (string?)f!["name"] == "Microsoft.AspNetCore.App");
    }

    [Fact]
    public void Every_extension_the_host_loads_is_in_the_package()
    {
        using var zip = Open();
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        var extensions = Json(zip, "extensions.json")["extensions"]!.AsArray();

        Assert.NotEmpty(extensions);
        Assert.All(extensions, e => Assert.Contains(Path.GetRelativePath(".", (string)e!["hintPath"]!), entries));
    }

    [Fact]
    public void The_app_and_the_libraries_of_its_hot_path_are_precompiled_ReadyToRun()
    {
        using var zip = Open();

        // A ReadyToRun image carries native code beside its IL (a managed native header), so a new instance does not
        // JIT-compile these assemblies' methods on its first requests.
        Assert.All(
            ["ScimFunctions.FunctionApp.dll", "ScimFunctions.Http.dll", "ScimFunctions.Core.dll", "ScimFunctions.Storage.dll", "Azure.Data.Tables.dll", "Azure.Core.dll"],
            name => Assert.True(IsReadyToRun(zip, name), $"{name} in {s_package} is IL only (no ReadyToRun code)."));
    }

    private static bool IsReadyToRun(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name) ?? throw new InvalidOperationException($"{name} is not in the package.");
        using var image = new MemoryStream();
        using (var stream = entry.Open())
        {
            stream.CopyTo(image);
        }

        image.Position = 0;
        using var pe = new PEReader(image);
        return pe.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }

    private static ZipArchive Open()
    {
        Assert.True(File.Exists(s_package), $"{s_package} is missing: run eng/publish.sh (eng/test.sh does).");
        return ZipFile.OpenRead(s_package);
    }

    private static JsonNode Json(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name) ?? throw new InvalidOperationException($"{name} is not in the package.");
        using var stream = entry.Open();
        return JsonNode.Parse(stream)!;
    }
}
