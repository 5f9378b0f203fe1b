namespace ScimFunctions.Core.Patch;

/// <summary>Formatting shared by PATCH error details.</summary>
internal static class PatchErrors
{
    private const int MaxEchoedLength = 200;

    /// <summary>A client-written path as quoted in an error detail, cut short so a hostile path cannot bloat the response.</summary>
    public static string Quote(string? path)
    {
        if (path is null)
        {
            return "(no path)";
        }

        return path.Length <= MaxEchoedLength ? $"'{path}'" : $"'{path[..MaxEchoedLength]}…'";
    }
}
