using System.Runtime.InteropServices;

namespace ScimFunctions.LoadTool.Reporting;

/// <summary>The machine a run came from, so figures are never quoted without it.</summary>
internal sealed record MachineInfo(string OperatingSystem, string Architecture, int ProcessorCount, string Runtime)
{
    public static MachineInfo Current { get; } = new(
        RuntimeInformation.OSDescription,
        RuntimeInformation.OSArchitecture.ToString(),
        Environment.ProcessorCount,
        RuntimeInformation.FrameworkDescription);
}
