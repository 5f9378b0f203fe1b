using System.Diagnostics;
using ScimFunctions.Testing;

namespace ScimFunctions.Cli.Tests.Commands;

/// <summary>eng/scimctl, the README's scimctl for scripts: builds once when stale, then runs the built CLI at once.</summary>
public sealed class ScimCtlScriptTests
{
    [Fact]
    public async Task The_wrapper_runs_scimctl_and_a_second_run_does_not_build()
    {
        var first = await RunAsync("--help");
        var second = await RunAsync("--help");

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("scimctl", first.Output, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("tenant", second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("building scimctl", second.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", second.Output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot.Find(), "eng", "scimctl"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
