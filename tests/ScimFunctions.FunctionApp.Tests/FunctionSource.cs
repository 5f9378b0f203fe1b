using System.Text.RegularExpressions;

namespace ScimFunctions.FunctionApp.Tests;

/// <summary>One HTTP function as written in the Function App's source.</summary>
public sealed record FunctionDeclaration(string Name, IReadOnlyList<string> Methods, string Route, string HandledRoute, string File);

/// <summary>
/// Reads the Function App's C# source as text (the project cannot be compiled here, and Roslyn is not in this
/// machine's package source). Every <c>[Function(...)]</c> must be in the one-line form
/// <c>[Function("X")] public static Task X([HttpTrigger(AuthorizationLevel.Anonymous, "verb", …, Route = "…")] HttpRequest req) => ScimEndpoints.HandleAsync(req.HttpContext, "X");</c>;
/// anything else is reported, so no function can hide from the parity check.
/// </summary>
public static partial class FunctionSource
{
    public static string ProjectDirectory => Path.Combine(RepositoryRoot(), "src", "ScimFunctions.FunctionApp");

    /// <summary>The .cs files of the Function App (path, text), bin/obj excluded.</summary>
    public static IReadOnlyList<(string Path, string Text)> ReadProject() =>
        Directory.EnumerateFiles(ProjectDirectory, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(path => (path, File.ReadAllText(path)))
            .ToList();

    /// <summary>The declared functions, and a problem for each <c>[Function</c> attribute not in the one-line form.</summary>
    public static (IReadOnlyList<FunctionDeclaration> Functions, IReadOnlyList<string> Problems) Parse(IEnumerable<(string Path, string Text)> files)
    {
        var functions = new List<FunctionDeclaration>();
        var problems = new List<string>();
        foreach (var (path, text) in files)
        {
            var code = StripComments(text);
            var attributes = FunctionAttribute().Count(code);
            var matches = FunctionDeclarationPattern().Matches(code);
            if (attributes != matches.Count)
            {
                problems.Add($"{Path.GetFileName(path)}: {attributes - matches.Count} function(s) not in the one-line form the parity test reads.");
            }

            foreach (Match match in matches)
            {
                var methods = Verb().Matches(match.Groups["verbs"].Value).Select(v => v.Groups[1].Value).ToList();
                functions.Add(new FunctionDeclaration(match.Groups["name"].Value, methods, match.Groups["route"].Value, match.Groups["target"].Value, Path.GetFileName(path)));
                if (match.Groups["name"].Value != match.Groups["method"].Value)
                {
                    problems.Add($"{match.Groups["name"].Value}: the C# method is named '{match.Groups["method"].Value}'.");
                }
            }
        }

        return (functions, problems);
    }

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "host.json")) && Directory.Exists(Path.Combine(directory.FullName, "src")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with host.json) was not found above " + AppContext.BaseDirectory);
    }

    private static string StripComments(string text) => Comment().Replace(text, string.Empty);

    [GeneratedRegex(@"\[\s*Function\s*\(")]
    private static partial Regex FunctionAttribute();

    [GeneratedRegex(
        @"\[Function\(""(?<name>[^""]*)""\)\]\s*public\s+static\s+Task\s+(?<method>\w+)\(\s*\[HttpTrigger\(AuthorizationLevel\.Anonymous,\s*(?<verbs>(?:""[a-z]+""\s*,\s*)+)Route\s*=\s*""(?<route>[^""]*)""\)\]\s*HttpRequest\s+req\)\s*=>\s*ScimEndpoints\.HandleAsync\(req\.HttpContext,\s*""(?<target>[^""]*)""\);")]
    private static partial Regex FunctionDeclarationPattern();

    [GeneratedRegex(@"""([a-z]+)""")]
    private static partial Regex Verb();

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comment();
}
