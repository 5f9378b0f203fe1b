using System.Text.Json.Nodes;
using ScimFunctions.Infra.Tests.Support;

namespace ScimFunctions.Infra.Tests;

public sealed class ParameterFileTests
{
    public static TheoryData<string> Regions =>
        new(RepositoryPaths.ParameterFiles.Select(Path.GetFileNameWithoutExtension).Select(name => name!));

    [Theory]
    [MemberData(nameof(Regions))]
    public void Every_required_parameter_is_supplied(string region)
    {
        var supplied = CompiledStamp.Instance.ParameterFiles[region];
        var missing = CompiledStamp.Instance.Template.Parameters
            .Where(parameter => parameter.Value!["defaultValue"] is null && !(parameter.Value["nullable"]?.GetValue<bool>() ?? false))
            .Select(parameter => parameter.Key)
            .Where(name => !supplied.ContainsKey(name));

        Assert.Empty(missing);
    }

    [Theory]
    [MemberData(nameof(Regions))]
    public void Every_value_satisfies_the_template_constraints(string region)
    {
        var declared = CompiledStamp.Instance.Template.Parameters;
        var violations = new List<string>();
        foreach (var (name, entry) in CompiledStamp.Instance.ParameterFiles[region])
        {
            var value = entry!["value"];
            var definition = declared[name]!.AsObject();
            if (definition["allowedValues"] is JsonArray allowed && !allowed.Any(option => JsonNode.DeepEquals(option, value)))
            {
                violations.Add($"{name}: {value} is not one of {allowed.ToJsonString()}");
            }

            if (value is JsonValue number && number.TryGetValue<int>(out var integer))
            {
                if (definition["minValue"] is { } min && integer < min.GetValue<int>()) { violations.Add($"{name}: {integer} < {min}"); }
                if (definition["maxValue"] is { } max && integer > max.GetValue<int>()) { violations.Add($"{name}: {integer} > {max}"); }
            }

            if (value is JsonValue text && text.TryGetValue<string>(out var literal))
            {
                if (definition["minLength"] is { } min && literal.Length < min.GetValue<int>()) { violations.Add($"{name}: '{literal}' shorter than {min}"); }
                if (definition["maxLength"] is { } max && literal.Length > max.GetValue<int>()) { violations.Add($"{name}: '{literal}' longer than {max}"); }
            }
        }

        Assert.Empty(violations);
    }

    [Fact]
    public void Each_example_region_is_an_independent_stamp()
    {
        var files = CompiledStamp.Instance.ParameterFiles.Values.ToArray();
        var stamps = files.Select(file => (string?)file["stampName"]?["value"]).ToArray();
        var locations = files.Select(file => (string?)file["location"]?["value"]).ToArray();

        Assert.All(stamps, stamp => Assert.False(string.IsNullOrEmpty(stamp), "every parameter file sets stampName"));
        Assert.All(locations, location => Assert.False(string.IsNullOrEmpty(location), "every parameter file sets location"));
        Assert.Equal(files.Length, stamps.Distinct().Count());
        Assert.Equal(files.Length, locations.Distinct().Count());
    }

    [Fact]
    public void Stamp_names_are_short_lowercase_and_name_safe()
    {
        Assert.All(CompiledStamp.Instance.ParameterFiles.Values, file =>
            Assert.Matches("^[a-z0-9][a-z0-9-]{0,10}[a-z0-9]$", (string?)file["stampName"]?["value"] ?? ""));
    }
}
