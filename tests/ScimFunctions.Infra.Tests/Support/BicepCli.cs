using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ScimFunctions.Infra.Tests.Support;

/// <summary>
/// The Bicep CLI restored by eng/bicep.sh from the NuGet package Azure.Bicep.CommandLine.linux-x64 (version pinned in
/// eng/tools/BicepCli.csproj), located the same way the script does: BICEP_PATH, else the NuGet global packages folder.
/// </summary>
internal static partial class BicepCli
{
    private const string PackageId = "azure.bicep.commandline.linux-x64";

    public static string Locate()
    {
        var explicitPath = Environment.GetEnvironmentVariable("BICEP_PATH");
        if (!string.IsNullOrEmpty(explicitPath))
        {
            return File.Exists(explicitPath)
                ? explicitPath
                : throw new InvalidOperationException($"BICEP_PATH points to {explicitPath}, which does not exist.");
        }

        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (string.IsNullOrEmpty(packages))
        {
            packages = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        }

        var path = Path.Combine(packages, PackageId, PinnedVersion(), "tools", "bicep");
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException(
                $"The Bicep CLI is not at {path}. Run eng/bicep.sh once (it restores eng/tools/BicepCli.csproj), then run the tests again.");
    }

    /// <summary>Runs the CLI and returns its exit code and everything it wrote (diagnostics go to stderr).</summary>
    public static (int ExitCode, string Output) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Locate())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("The Bicep CLI did not start.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The Bicep CLI did not finish within 3 minutes: " + string.Join(' ', arguments));
        }

        return (process.ExitCode, stdout + stderr.GetAwaiter().GetResult());
    }

    private static string PinnedVersion()
    {
        var project = File.ReadAllText(RepositoryPaths.BicepToolProject);
        var match = PinnedVersionPattern().Match(project);
        return match.Success
            ? match.Groups["version"].Value
            : throw new InvalidOperationException($"No pinned Azure.Bicep.CommandLine.linux-x64 version in {RepositoryPaths.BicepToolProject}.");
    }

    [GeneratedRegex("""Include="Azure\.Bicep\.CommandLine\.linux-x64"\s+Version="\[(?<version>[^\]]+)\]""")]
    private static partial Regex PinnedVersionPattern();
}
