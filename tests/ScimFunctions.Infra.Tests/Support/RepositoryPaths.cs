namespace ScimFunctions.Infra.Tests.Support;

/// <summary>Paths inside the repository, found from the test's output folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Infra => Path.Combine(Root, "infra");

    public static string MainTemplate => Path.Combine(Infra, "main.bicep");

    public static string BicepToolProject => Path.Combine(Root, "eng", "tools", "BicepCli.csproj");

    public static IReadOnlyList<string> ParameterFiles =>
        Directory.GetFiles(Infra, "*.bicepparam", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ScimFunctions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No ScimFunctions.sln above {AppContext.BaseDirectory}.");
    }
}
