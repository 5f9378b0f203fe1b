using ScimFunctions.Core.Errors;
using ScimFunctions.Core.Filters;

namespace ScimFunctions.Core.Tests.Filters;

public class FilterSyntaxErrorTests
{
    [Fact]
    public void An_unquoted_value_names_the_position_and_the_original_text()
    {
        var error = Assert.Throws<ScimException>(() => ScimFilter.Parse("userName eq akadmin"));

        Assert.Equal(400, error.Status);
        Assert.Equal(ScimType.InvalidFilter, error.ScimType);
        Assert.StartsWith("Expected a comparison value at position 12 in filter 'userName eq akadmin'", error.Detail, StringComparison.Ordinal);
        Assert.Contains("\"akadmin\"", error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("userName eq", 11, "Expected a comparison value")]
    [InlineData("userName", 8, "Expected an operator")]
    [InlineData("userName equals \"x\"", 9, "Expected an operator")]
    [InlineData("userNameeq \"x\"", 11, "Expected an operator")]
    [InlineData("userName eq \"x\" and", 19, "Expected an attribute path or '('")]
    [InlineData("userName eq \"x\" or or title pr", 19, "Expected an attribute path or '('")]
    [InlineData("userName eq \"x\" title pr", 16, "Expected 'and', 'or' or the end of the filter")]
    [InlineData("userName eq \"x\" eq \"y\"", 16, "Unexpected operator 'eq'")]
    [InlineData("userName eq \"x\"and\"y\"", 18, "Expected an attribute path or '('")]
    [InlineData("userName eq \"x\" and and title pr", 20, "Expected an attribute path or '('")]
    [InlineData("(userName eq \"x\"", 16, "Expected ')'")]
    [InlineData("userName eq \"x\")", 15, "Expected 'and', 'or' or the end of the filter")]
    [InlineData("()", 1, "Expected an attribute path or '('")]
    [InlineData("not userName eq \"x\"", 4, "Expected '(' after 'not'")]
    [InlineData("emails[type eq \"work\"", 21, "Expected ']'")]
    [InlineData("emails[]", 7, "Expected an attribute path or '('")]
    [InlineData("emails[type eq \"work\"] eq \"x\"", 23, "Unexpected operator 'eq'")]
    [InlineData("emails[type[value eq \"x\"]]", 11, "Value filters cannot be nested")]
    [InlineData("name.givenName[value eq \"x\"]", 14, "A value filter applies to an attribute")]
    [InlineData("emails[name.givenName eq \"x\"]", 7, "Expected a sub-attribute name inside the value filter")]
    [InlineData("emails[type eq \"work\"].", 23, "Expected a sub-attribute name after '.'")]
    [InlineData("emails[type eq \"work\"].value", 28, "Expected an operator")]
    [InlineData("userName eq \"unterminated", 12, "Unterminated string")]
    [InlineData("userName eq \"bad \\x escape\"", 17, "Invalid escape sequence")]
    [InlineData("userName eq \"\\u12\"", 13, "Invalid escape sequence")]
    [InlineData("age gt 01", 7, "Invalid number")]
    [InlineData("age gt 1.", 7, "Invalid number")]
    [InlineData("age gt -", 7, "Invalid number")]
    [InlineData("age gt 1e", 7, "Invalid number")]
    [InlineData("age gt 12abc", 7, "Invalid number")]
    [InlineData("userName eq 'x'", 12, "Unexpected character '''")]
    [InlineData("userName = \"x\"", 9, "Unexpected character '='")]
    [InlineData("userNäme eq \"x\"", 5, "Unexpected character 'ä'")]
    [InlineData("1 eq 1", 0, "Expected an attribute path or '('")]
    [InlineData("name..givenName pr", 0, "Invalid attribute path 'name..givenName'")]
    [InlineData("name.givenName.x pr", 0, "Invalid attribute path")]
    [InlineData("a:b eq 1", 0, "Invalid attribute path 'a:b'")]
    [InlineData("urn:ietf:params:scim:schemas:core:2.0:User: pr", 0, "Invalid attribute path")]
    [InlineData("urn::x pr", 0, "Invalid schema URN")]
    [InlineData("$foo pr", 0, "Invalid attribute path '$foo'")]
    public void Malformed_filters_are_invalidFilter_with_the_position_of_the_problem(string filter, int position, string message)
    {
        var error = Assert.Throws<ScimException>(() => ScimFilter.Parse(filter));

        Assert.Equal(400, error.Status);
        Assert.Equal(ScimType.InvalidFilter, error.ScimType);
        Assert.StartsWith(message, error.Detail, StringComparison.Ordinal);
        Assert.Contains($" at position {position} in filter '{filter}'", error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void An_empty_filter_is_invalidFilter(string? filter)
    {
        var error = Assert.Throws<ScimException>(() => ScimFilter.Parse(filter!));

        Assert.Equal(ScimType.InvalidFilter, error.ScimType);
        Assert.Equal("Filter is empty.", error.Detail);
    }
}
