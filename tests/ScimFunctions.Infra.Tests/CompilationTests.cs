using ScimFunctions.Infra.Tests.Support;

namespace ScimFunctions.Infra.Tests;

public sealed class CompilationTests
{
    [Fact]
    public void Main_template_and_every_parameter_file_compile_without_a_diagnostic()
    {
        Assert.True(CompiledStamp.Instance.Diagnostics.Length == 0, "The Bicep CLI reported:\n" + CompiledStamp.Instance.Diagnostics);
    }

    [Fact]
    public void At_least_two_region_stamps_are_shipped_as_examples()
    {
        Assert.True(CompiledStamp.Instance.ParameterFiles.Count >= 2, "Expected one .bicepparam per example region (two or more).");
    }

    [Fact]
    public void Every_template_parameter_is_described_as_required_or_optional()
    {
        var undocumented = CompiledStamp.Instance.Template.Parameters
            .Where(parameter => parameter.Value?["metadata"]?["description"]?.GetValue<string>() is not { } description
                || !(description.StartsWith("Required. ", StringComparison.Ordinal) || description.StartsWith("Optional. ", StringComparison.Ordinal)))
            .Select(parameter => parameter.Key)
            .ToArray();

        Assert.Empty(undocumented);
    }
}
