using System.Text.Json.Nodes;

namespace ScimFunctions.Cli.Tests.Support;

/// <summary>Runs scimctl in-process against the test storage with <c>--json</c>, capturing both streams.</summary>
public sealed class ScimCtlRunner(string connectionString)
{
    public async Task<ScimCtlResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await ScimCtl.RunAsync([.. args, "--json", "--connection-string", connectionString], output, error);
        return new ScimCtlResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs a command that must succeed and returns its JSON output.</summary>
    public async Task<JsonNode> JsonAsync(params string[] args)
    {
        var result = await RunAsync(args);
        Assert.True(result.ExitCode == 0, $"scimctl {string.Join(' ', args)} exited {result.ExitCode}: {result.Error}");
        return JsonNode.Parse(result.Output) ?? throw new InvalidOperationException("No JSON output.");
    }
}

public sealed record ScimCtlResult(int ExitCode, string Output, string Error)
{
    public JsonNode ErrorJson => JsonNode.Parse(Error)!;
}
