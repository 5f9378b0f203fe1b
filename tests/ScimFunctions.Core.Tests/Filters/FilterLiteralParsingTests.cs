using ScimFunctions.Core.Filters;

namespace ScimFunctions.Core.Tests.Filters;

public class FilterLiteralParsingTests
{
    private static FilterLiteral ValueOf(string filter) => Assert.IsType<ComparisonNode>(ScimFilter.Parse(filter)).Value;

    [Theory]
    [InlineData("""a eq "plain" """, "plain")]
    [InlineData("""a eq "" """, "")]
    [InlineData("""a eq "say \"hi\"" """, "say \"hi\"")]
    [InlineData("""a eq "back\\slash" """, "back\\slash")]
    [InlineData("""a eq "a\/b" """, "a/b")]
    [InlineData("""a eq "tab\there" """, "tab\there")]
    [InlineData("""a eq "line\nbreak\r" """, "line\nbreak\r")]
    [InlineData("""a eq "\b\f" """, "\b\f")]
    [InlineData("""a eq "caf\u00e9" """, "café")]
    [InlineData("""a eq "with ) and ] and and or" """, "with ) and ] and and or")]
    public void Strings_are_json_strings_with_escapes(string filter, string expected)
    {
        Assert.Equal(FilterLiteral.FromString(expected), ValueOf(filter));
    }

    [Theory]
    [InlineData("a eq 0", "0")]
    [InlineData("a eq -12", "-12")]
    [InlineData("a gt 3.14159265358979323846264338", "3.14159265358979323846264338")]
    [InlineData("a lt 1e10", "1e10")]
    [InlineData("a lt -2.5E-3", "-2.5E-3")]
    public void Numbers_keep_their_text_so_decimals_keep_their_precision(string filter, string expected)
    {
        Assert.Equal(FilterLiteral.FromNumber(expected), ValueOf(filter));
    }

    [Theory]
    [InlineData("a eq true", FilterLiteralKind.True)]
    [InlineData("a eq false", FilterLiteralKind.False)]
    [InlineData("a eq null", FilterLiteralKind.Null)]
    [InlineData("a eq True", FilterLiteralKind.True)]
    [InlineData("a eq FALSE", FilterLiteralKind.False)]
    public void True_false_and_null_are_literals(string filter, FilterLiteralKind expected)
    {
        Assert.Equal(expected, ValueOf(filter).Kind);
    }

    [Fact]
    public void A_string_that_looks_like_a_boolean_stays_a_string()
    {
        Assert.Equal(FilterLiteral.FromString("True"), ValueOf("roles.primary eq \"True\""));
    }
}
