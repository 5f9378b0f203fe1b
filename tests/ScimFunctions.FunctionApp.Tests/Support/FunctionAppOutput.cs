using System.Reflection;

namespace ScimFunctions.FunctionApp.Tests.Support;

/// <summary>The Function App's build output folder (bin/&lt;Configuration&gt;/net10.0), where the SDK writes its files.</summary>
public static class FunctionAppOutput
{
    public static string Directory { get; } = typeof(FunctionAppOutput).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "FunctionAppOutput").Value!;

    /// <summary>The path of <paramref name="fileName"/> in the output; fails when the build did not write it.</summary>
    public static string File(string fileName)
    {
        var path = Path.Combine(Directory, fileName);
        Assert.True(System.IO.File.Exists(path), $"{path} is missing: build src/ScimFunctions.FunctionApp first.");
        return path;
    }
}
