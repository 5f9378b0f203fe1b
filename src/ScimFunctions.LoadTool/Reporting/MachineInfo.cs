using System.Runtime.InteropServices;

namespace ScimFunctions.LoadTool.Reporting;

/// <summary>The machine a run came from, so figures are never quoted without it.</summary>
internal sealed record MachineInfo(string OperatingSystem, string Architecture, int ProcessorCount, string Runtime)
{
    public static MachineInfo Current => new(
        RuntimeInformation.OSDescription,
        RuntimeInformation.OSArchitecture.ToString(),
        Environment.ProcessorCount,
        RuntimeInformation.FrameworkDescription)
    {
        LoadAverage = ReadLoadAverage(),
    };

    /// <summary>The 1, 5 and 15 minute load averages (/proc/loadavg) when the report was made; null off Linux.</summary>
    public string? LoadAverage { get; init; }

    private static string? ReadLoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
