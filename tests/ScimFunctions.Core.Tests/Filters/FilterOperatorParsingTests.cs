using ScimFunctions.Core.Filters;

namespace ScimFunctions.Core.Tests.Filters;

public class FilterOperatorParsingTests
{
    [Theory]
    [InlineData("eq", ComparisonOperator.Eq)]
    [InlineData("ne", ComparisonOperator.Ne)]
    [InlineData("co", ComparisonOperator.Co)]
    [InlineData("sw", ComparisonOperator.Sw)]
    [InlineData("ew", ComparisonOperator.Ew)]
    [InlineData("gt", ComparisonOperator.Gt)]
    [InlineData("ge", ComparisonOperator.Ge)]
    [InlineData("lt", ComparisonOperator.Lt)]
    [InlineData("le", ComparisonOperator.Le)]
    public void Every_comparison_operator_parses_to_its_enum_value(string op, ComparisonOperator expected)
    {
        var node = Assert.IsType<ComparisonNode>(ScimFilter.Parse($"userName {op} \"x\""));

        Assert.Equal(new AttributePath(null, "userName"), node.Path);
        Assert.Equal(expected, node.Operator);
        Assert.Equal(FilterLiteral.FromString("x"), node.Value);
    }

    [Theory]
    [InlineData("userName EQ \"x\"")]
    [InlineData("userName Eq \"x\"")]
    [InlineData("userName eQ \"x\"")]
    public void Operators_are_case_insensitive(string filter)
    {
        var node = Assert.IsType<ComparisonNode>(ScimFilter.Parse(filter));

        Assert.Equal(ComparisonOperator.Eq, node.Operator);
    }

    [Theory]
    [InlineData("title pr")]
    [InlineData("title PR")]
    [InlineData("  title   pr  ")]
    public void Pr_parses_to_a_presence_test(string filter)
    {
        var node = Assert.IsType<PresentNode>(ScimFilter.Parse(filter));

        Assert.Equal(new AttributePath(null, "title"), node.Path);
    }

    [Fact]
    public void Attribute_names_keep_the_client_spelling_for_case_insensitive_resolution()
    {
        var node = Assert.IsType<ComparisonNode>(ScimFilter.Parse("USERNAME eq \"x\""));

        Assert.Equal("USERNAME", node.Path.Name);
    }

    [Fact]
    public void Whitespace_of_any_kind_separates_tokens()
    {
        var node = ScimFilter.Parse("userName\teq\n\"x\"\r\nand\ttitle pr");

        Assert.Equal("(userName eq \"x\" and title pr)", node.ToString());
    }
}
