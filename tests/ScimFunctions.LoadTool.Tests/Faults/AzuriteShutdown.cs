using System.Diagnostics;
using System.Globalization;
using ScimFunctions.Testing;

namespace ScimFunctions.LoadTool.Tests.Faults;

/// <summary>
/// Stops a private Azurite the way an operator does (SIGINT), so it writes its data folder before exiting.
/// Killing it outright loses the writes of its last autosave interval (5 s) — tables included — which real storage
/// never does to acknowledged writes, so a fault test must not take storage away that way.
/// </summary>
internal static class AzuriteShutdown
{
    public static async Task StopGracefullyAsync(AzuriteInstance azurite)
    {
        if (OperatingSystem.IsLinux() && FindProcessId(azurite) is { } pid)
        {
            using (var signal = Process.Start(new ProcessStartInfo("kill", ["-INT", pid.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!)
            {
                await signal.WaitForExitAsync();
            }

            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (Directory.Exists($"/proc/{pid}") && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }

        await azurite.StopAsync();
    }

    /// <summary>The process listening for this instance: its command line names the instance's port and data folder.</summary>
    private static int? FindProcessId(AzuriteInstance azurite)
    {
        var port = "\0" + azurite.Port.ToString(CultureInfo.InvariantCulture) + "\0";
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline"));
                if (commandLine.Contains("--tablePort" + port, StringComparison.Ordinal) && commandLine.Contains(azurite.DataFolder, StringComparison.Ordinal))
                {
                    return pid;
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours.
            }
        }

        return null;
    }
}
