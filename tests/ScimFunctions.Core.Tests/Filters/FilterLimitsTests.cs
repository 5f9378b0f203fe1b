using ScimFunctions.Core.Errors;
using ScimFunctions.Core.Filters;

namespace ScimFunctions.Core.Tests.Filters;

public class FilterLimitsTests
{
    [Fact]
    public void A_filter_longer_than_the_limit_is_invalidFilter_without_echoing_it()
    {
        var filter = "userName eq \"" + new string('x', 5000) + "\"";

        var error = Assert.Throws<ScimException>(() => ScimFilter.Parse(filter));

        Assert.Equal(ScimType.InvalidFilter, error.ScimType);
        Assert.Equal("Filter is longer than 4096 characters.", error.Detail);
    }

    [Fact]
    public void A_filter_at_the_length_limit_parses()
    {
        var limits = new FilterLimits(MaxLength: 20);

        Assert.IsType<ComparisonNode>(ScimFilter.Parse("userName eq \"abcde\"", limits));
        Assert.Throws<ScimException>(() => ScimFilter.Parse("userName eq \"abcdef\" ", limits));
    }

    [Fact]
    public void Nesting_up_to_the_depth_limit_parses()
    {
        var filter = new string('(', 32) + "a pr" + new string(')', 32);

        Assert.IsType<PresentNode>(ScimFilter.Parse(filter));
    }

    [Fact]
    public void Nesting_beyond_the_depth_limit_is_invalidFilter_at_the_first_parenthesis_too_deep()
    {
        var filter = new string('(', 33) + "a pr" + new string(')', 33);

        var error = Assert.Throws<ScimException>(() => ScimFilter.Parse(filter));

        Assert.Equal(ScimType.InvalidFilter, error.ScimType);
        Assert.StartsWith("Filter is nested deeper than 32 levels at position 32", error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not (")]
    [InlineData("(")]
    [InlineData("a pr and (")]
    public void Hundred_thousand_open_groups_are_invalidFilter_not_a_stack_overflow(string unit)
    {
        var filter = string.Concat(Enumerable.Repeat(unit, 100_000)) + "a pr";
        var unlimitedLength = new FilterLimits(MaxLength: int.MaxValue);

        var error = Assert.Throws<ScimException>(() => ScimFilter.Parse(filter, unlimitedLength));

        Assert.Equal(ScimType.InvalidFilter, error.ScimType);
        Assert.Contains("nested deeper than 32 levels", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void More_expressions_than_the_node_limit_is_invalidFilter()
    {
        var filter = string.Join(" or ", Enumerable.Range(0, 200).Select(i => $"a eq {i}"));

        var error = Assert.Throws<ScimException>(() => ScimFilter.Parse(filter));

        Assert.Equal(ScimType.InvalidFilter, error.ScimType);
        Assert.StartsWith("Filter has more than 256 expressions", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Expressions_up_to_the_node_limit_parse()
    {
        var filter = string.Join(" or ", Enumerable.Range(0, 128).Select(i => $"a eq {i}"));

        Assert.IsType<OrNode>(ScimFilter.Parse(filter));
    }
}
