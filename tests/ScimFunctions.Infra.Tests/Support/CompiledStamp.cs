using System.Text.Json.Nodes;

namespace ScimFunctions.Infra.Tests.Support;

/// <summary>
/// The stamp as ARM sees it: infra/main.bicep and every .bicepparam compiled by the Bicep CLI into a private temporary
/// folder, once per test run. The tests never depend on eng/bicep.sh having run before them.
/// </summary>
internal sealed class CompiledStamp
{
    private static readonly Lazy<CompiledStamp> Shared = new(Compile, LazyThreadSafetyMode.ExecutionAndPublication);

    private CompiledStamp(ArmTemplate template, IReadOnlyDictionary<string, JsonObject> parameterFiles, string diagnostics)
    {
        Template = template;
        ParameterFiles = parameterFiles;
        Diagnostics = diagnostics;
    }

    public static CompiledStamp Instance => Shared.Value;

    public ArmTemplate Template { get; }

    /// <summary>Compiled parameter files ("parameters" objects), keyed by file name without extension (e.g. "westeurope").</summary>
    public IReadOnlyDictionary<string, JsonObject> ParameterFiles { get; }

    /// <summary>Everything the CLI reported while compiling; empty when the templates are clean.</summary>
    public string Diagnostics { get; }

    private static CompiledStamp Compile()
    {
        var output = Directory.CreateTempSubdirectory("scim-infra-tests-");
        try
        {
            var diagnostics = new List<string>();
            var templatePath = Path.Combine(output.FullName, "main.json");
            diagnostics.Add(RunOrThrow("build", RepositoryPaths.MainTemplate, "--outfile", templatePath));

            var parameterFiles = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
            foreach (var parameterFile in RepositoryPaths.ParameterFiles)
            {
                var name = Path.GetFileNameWithoutExtension(parameterFile);
                var compiledPath = Path.Combine(output.FullName, name + ".parameters.json");
                diagnostics.Add(RunOrThrow("build-params", parameterFile, "--outfile", compiledPath));
                parameterFiles.Add(name, ReadObject(compiledPath)["parameters"]!.AsObject());
            }

            var template = new ArmTemplate(ReadObject(templatePath));
            return new CompiledStamp(template, parameterFiles, string.Concat(diagnostics).Trim());
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    private static string RunOrThrow(params string[] arguments)
    {
        var (exitCode, output) = BicepCli.Run(arguments);
        return exitCode == 0
            ? output
            : throw new InvalidOperationException($"bicep {string.Join(' ', arguments)} failed ({exitCode}):\n{output}");
    }

    private static JsonObject ReadObject(string path) =>
        JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? throw new InvalidOperationException($"{path} is not a JSON object.");
}
