using System.Text.Json.Nodes;
using ScimFunctions.Core.Errors;
using ScimFunctions.Core.Filters;

namespace ScimFunctions.Core.Tests.Filters;

public class FilterValidationTests
{
    [Theory]
    [InlineData("active gt true")]
    [InlineData("userName eq \"x\" or meta.created gt \"not a date\"")]
    [InlineData("not (roles[primary lt true])")]
    [InlineData("emails[type eq \"work\"].primary co \"t\"")]
    public void Validate_rejects_type_errors_without_any_resource(string filter)
    {
        var error = Assert.Throws<ScimException>(() => FilterEvaluator.Validate(ScimFilter.Parse(filter), TestSchemas.User));

        Assert.Equal(ScimType.InvalidFilter, error.ScimType);
    }

    [Theory]
    [InlineData("userName eq \"x\" and meta.lastModified gt \"2011-05-13T04:42:34Z\"")]
    [InlineData("roles[primary eq \"True\"]")]
    [InlineData("nosuch gt true")]
    [InlineData("members eq \"x\"")]
    public void Validate_accepts_well_typed_and_unknown_paths(string filter)
    {
        FilterEvaluator.Validate(ScimFilter.Parse(filter), filter.StartsWith("members", StringComparison.Ordinal) ? TestSchemas.Group : TestSchemas.User);
    }

    [Fact]
    public void Matches_raises_the_type_error_even_for_a_resource_without_the_attribute()
    {
        var error = Assert.Throws<ScimException>(() => FilterMatch.User("active gt true", []));

        Assert.Equal(ScimType.InvalidFilter, error.ScimType);
    }

    [Fact]
    public void MatchesValue_evaluates_a_value_filter_against_one_value()
    {
        var emails = TestSchemas.User.Schema.FindAttribute("emails")!;
        var filter = ScimFilter.Parse("type eq \"work\" and primary eq \"True\"");

        Assert.True(FilterEvaluator.MatchesValue(filter, JsonNode.Parse("""{"value":"a@x","type":"Work","primary":true}"""), emails));
        Assert.False(FilterEvaluator.MatchesValue(filter, JsonNode.Parse("""{"value":"a@x","type":"home","primary":true}"""), emails));
        Assert.False(FilterEvaluator.MatchesValue(filter, null, emails));
    }
}
