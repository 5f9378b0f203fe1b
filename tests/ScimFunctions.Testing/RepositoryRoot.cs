namespace ScimFunctions.Testing;

/// <summary>Finds the repository root (the folder holding ScimFunctions.sln) from the test's working directory.</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "ScimFunctions.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException("Could not find the repository root (ScimFunctions.sln) above " + AppContext.BaseDirectory);
    }
}
