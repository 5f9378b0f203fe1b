using System.Text.RegularExpressions;
using ScimFunctions.Infra.Tests.Support;

namespace ScimFunctions.Infra.Tests;

public sealed partial class SecretHygieneTests
{
    [Fact]
    public void No_list_function_reads_keys_or_connection_strings_anywhere()
    {
        var text = CompiledStamp.Instance.Template.Root.ToJsonString(ArmAssert.Verbatim);

        Assert.NotEmpty(CompiledStamp.Instance.Template.Resources);
        Assert.Empty(ListCall().Matches(text).Select(match => match.Value));
    }

    [Fact]
    public void The_stamp_takes_no_secret_parameter_and_needs_none()
    {
        var template = CompiledStamp.Instance.Template;
        var secure = template.Parameters.Concat(template.Modules.Values.SelectMany(module => module["properties"]!["template"]!["parameters"]!.AsObject()))
            .Where(parameter => ((string?)parameter.Value?["type"])?.StartsWith("secure", StringComparison.OrdinalIgnoreCase) ?? false)
            .Select(parameter => parameter.Key);

        Assert.Empty(secure);
    }

    [Fact]
    public void Outputs_hold_no_secret()
    {
        var template = CompiledStamp.Instance.Template;
        var outputs = template.Outputs.Concat(template.Modules.Values.SelectMany(module => module["properties"]!["template"]!["outputs"]!.AsObject())).ToArray();

        Assert.NotEmpty(outputs);
        Assert.All(outputs, output =>
        {
            Assert.DoesNotMatch(SecretLikeName(), output.Key);
            Assert.DoesNotMatch(SecretLikeValue(), ArmAssert.Text(output.Value?["value"]));
            Assert.False(((string?)output.Value?["type"])?.StartsWith("secure", StringComparison.OrdinalIgnoreCase) ?? false, $"{output.Key} is a secure output");
        });
    }

    [Fact]
    public void Parameter_files_hold_no_secret()
    {
        Assert.All(CompiledStamp.Instance.ParameterFiles, file =>
        {
            // adminKeySha256 is a SHA-256 of the operator key by design (64 hex characters), not the key.
            var text = new System.Text.Json.Nodes.JsonObject(file.Value.Where(entry => entry.Key != "adminKeySha256")
                .Select(entry => KeyValuePair.Create(entry.Key, entry.Value?.DeepClone()))).ToJsonString(ArmAssert.Verbatim);
            Assert.DoesNotMatch(SecretLikeValue(), text);
            Assert.DoesNotMatch(LongBase64(), text);
        });
    }

    [GeneratedRegex(@"\blist\w*\(", RegexOptions.IgnoreCase)]
    private static partial Regex ListCall();

    [GeneratedRegex("(connectionstring|password|secret|key$|keys$|sas)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretLikeName();

    [GeneratedRegex(@"(list\w*\(|ConnectionString|AccountKey=|SharedAccess|InstrumentationKey|[?&]sig=|Password)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretLikeValue();

    [GeneratedRegex("[A-Za-z0-9+/]{40,}={0,2}")]
    private static partial Regex LongBase64();
}
