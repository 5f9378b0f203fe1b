using ScimFunctions.Core.Filters;

namespace ScimFunctions.Core.Tests.Filters;

public class FilterPrecedenceTests
{
    [Theory]
    [InlineData("a eq 1 or b eq 2 and c eq 3", "(a eq 1 or (b eq 2 and c eq 3))")]
    [InlineData("a eq 1 and b eq 2 or c eq 3", "((a eq 1 and b eq 2) or c eq 3)")]
    [InlineData("a eq 1 and b eq 2 and c eq 3", "((a eq 1 and b eq 2) and c eq 3)")]
    [InlineData("a eq 1 or b eq 2 or c eq 3", "((a eq 1 or b eq 2) or c eq 3)")]
    public void And_binds_tighter_than_or_and_both_associate_left(string filter, string expected)
    {
        Assert.Equal(expected, ScimFilter.Parse(filter).ToString());
    }

    [Theory]
    [InlineData("(a eq 1 or b eq 2) and c eq 3", "((a eq 1 or b eq 2) and c eq 3)")]
    [InlineData("a eq 1 and (b eq 2 or c eq 3)", "(a eq 1 and (b eq 2 or c eq 3))")]
    [InlineData("((a eq 1))", "a eq 1")]
    public void Parentheses_group_expressions(string filter, string expected)
    {
        Assert.Equal(expected, ScimFilter.Parse(filter).ToString());
    }

    [Theory]
    [InlineData("not (a eq 1)", "not (a eq 1)")]
    [InlineData("NOT(a eq 1)", "not (a eq 1)")]
    [InlineData("not (a eq 1) and b eq 2", "(not (a eq 1) and b eq 2)")]
    [InlineData("a eq 1 or not (b eq 2 or c eq 3)", "(a eq 1 or not ((b eq 2 or c eq 3)))")]
    [InlineData("not (not (a eq 1))", "not (not (a eq 1))")]
    public void Not_negates_the_parenthesised_filter_that_follows(string filter, string expected)
    {
        Assert.Equal(expected, ScimFilter.Parse(filter).ToString());
    }

    [Fact]
    public void Keywords_are_case_insensitive()
    {
        Assert.Equal("(a eq 1 or (b eq 2 and c pr))", ScimFilter.Parse("a EQ 1 OR b Eq 2 AnD c Pr").ToString());
    }

    [Fact]
    public void An_attribute_named_like_a_keyword_is_still_an_attribute_before_an_operator()
    {
        var node = Assert.IsType<ComparisonNode>(ScimFilter.Parse("not eq \"x\""));

        Assert.Equal("not", node.Path.Name);
    }
}
