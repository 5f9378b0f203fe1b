using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ScimFunctions.FunctionApp.Tests.Support;
using ScimFunctions.Http;
using ScimFunctions.LocalHost;

namespace ScimFunctions.FunctionApp.Tests;

/// <summary>
/// The built worker started as the Functions host starts it (<c>dotnet ScimFunctions.FunctionApp.dll</c>, app settings
/// as environment variables): a missing or malformed setting stops it at once, exit code 2, with a message naming the
/// setting, like the local host. The composition is the ASP.NET Core integration, not the plain worker.
/// </summary>
public sealed class FunctionAppStartupTests
{
    [Fact]
    public async Task Without_a_storage_setting_the_worker_exits_naming_the_setting()
    {
        var (exitCode, error) = await RunWorkerAsync(new Dictionary<string, string>());

        Assert.Equal(2, exitCode);
        Assert.Contains("Scim:Storage:ConnectionString", error, StringComparison.Ordinal);
        Assert.Contains("Scim:Storage:TableEndpoint", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Scim__KeyVault__Uri", "http://vault.example/", "Scim:KeyVault:Uri")]
    [InlineData("Scim__Admin__KeySha256", "not-a-hash", "Scim:Admin:KeySha256")]
    [InlineData("Scim__Tokens__CacheSeconds", "forever", "Scim:Tokens:CacheSeconds")]
    public async Task A_malformed_setting_stops_the_worker_with_a_message_naming_it(string variable, string value, string setting)
    {
        var (exitCode, error) = await RunWorkerAsync(new Dictionary<string, string>
        {
            ["Scim__Storage__TableEndpoint"] = "https://account.table.core.windows.net/",
            [variable] = value,
        });

        Assert.Equal(2, exitCode);
        Assert.Contains(setting, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_misspelt_setting_stops_the_worker_and_the_local_host_naming_it()
    {
        var (exitCode, error) = await RunWorkerAsync(new Dictionary<string, string>
        {
            ["Scim__Storage__TableEndpoint"] = "https://account.table.core.windows.net/",
            ["Scim__Tokens__CacheSecond"] = "10",
        });
        var local = Assert.Throws<ScimConfigurationException>(() => ScimLocalHost.CreateBuilder([], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Scim:Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["Scim:Tokens:CacheSecond"] = "10",
        })));

        Assert.Equal(2, exitCode);
        Assert.Contains("Unknown setting 'Scim:Tokens:CacheSecond'", error, StringComparison.Ordinal);
        Assert.Contains("Unknown setting 'Scim:Tokens:CacheSecond'", local.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_composition_is_the_ASP_NET_Core_integration_with_the_shared_HTTP_layer()
    {
        IServiceCollection? services = null;
        using var host = ScimFunctionApp.Build([], builder =>
        {
            builder.Configuration["Scim:Storage:ConnectionString"] = "UseDevelopmentStorage=true";
            services = builder.Services;
        });
        var types = services!.Select(d => d.ServiceType.FullName).ToHashSet(StringComparer.Ordinal);

        // ConfigureFunctionsWebApplication: the worker proxies HTTP requests from the host to its own ASP.NET Core server.
        Assert.Contains("Microsoft.Azure.Functions.Worker.Extensions.Http.AspNetCore.IHttpCoordinator", types);
        Assert.Contains("Microsoft.Azure.Functions.Worker.Extensions.Http.AspNetCore.FunctionsHttpProxyingMiddleware", types);
        Assert.Equal("UseDevelopmentStorage=true", host.Services.GetRequiredService<ScimFunctions.Storage.TableStorage>().Options.ConnectionString);
    }

    private static async Task<(int ExitCode, string Error)> RunWorkerAsync(Dictionary<string, string> settings)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = FunctionAppOutput.Directory,
        };
        start.ArgumentList.Add(FunctionAppOutput.File("ScimFunctions.FunctionApp.dll"));
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("Scim__", StringComparison.OrdinalIgnoreCase) || k.StartsWith("Scim:", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("The worker did not stop within 60 s although a setting is missing or malformed: " + await output);
        }

        return (process.ExitCode, await error);
    }
}
