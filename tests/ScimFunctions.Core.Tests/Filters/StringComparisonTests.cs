namespace ScimFunctions.Core.Tests.Filters;

public class StringComparisonTests
{
    [Theory]
    [InlineData("userName eq \"bjensen@example.com\"", true)]
    [InlineData("userName eq \"BJensen@Example.COM\"", true)]
    [InlineData("userName eq \"bjensen\"", false)]
    [InlineData("USERNAME eq \"bjensen@example.com\"", true)]
    public void UserName_is_compared_ignoring_case(string filter, bool expected)
    {
        Assert.Equal(expected, FilterMatch.User(filter));
    }

    [Theory]
    [InlineData("id eq \"2819c223-7f76-453a-919d-413861904646\"", true)]
    [InlineData("id eq \"2819C223-7F76-453A-919D-413861904646\"", false)]
    [InlineData("externalId eq \"Ext-701984\"", true)]
    [InlineData("externalId eq \"ext-701984\"", false)]
    [InlineData("urn:example:params:scim:schemas:extension:acme:2.0:User:code eq \"abc\"", false)]
    [InlineData("urn:example:params:scim:schemas:extension:acme:2.0:User:code eq \"AbC\"", true)]
    public void CaseExact_attributes_are_compared_exactly(string filter, bool expected)
    {
        Assert.Equal(expected, FilterMatch.User(filter));
    }

    [Theory]
    [InlineData("userName co \"JENSEN\"", true)]
    [InlineData("userName co \"smith\"", false)]
    [InlineData("userName sw \"BJ\"", true)]
    [InlineData("userName sw \"jensen\"", false)]
    [InlineData("userName ew \".COM\"", true)]
    [InlineData("userName ew \"example\"", false)]
    [InlineData("externalId co \"ext\"", false)]
    [InlineData("externalId sw \"Ext\"", true)]
    [InlineData("userName co \"\"", true)]
    public void Co_sw_and_ew_test_substrings_with_the_attribute_case_rule(string filter, bool expected)
    {
        Assert.Equal(expected, FilterMatch.User(filter));
    }

    [Theory]
    [InlineData("displayName gt \"Babs\"", true)]
    [InlineData("displayName gt \"babs jensen\"", false)]
    [InlineData("displayName ge \"babs jensen\"", true)]
    [InlineData("displayName lt \"c\"", true)]
    [InlineData("displayName le \"A\"", false)]
    public void Ordering_of_strings_is_lexicographic(string filter, bool expected)
    {
        Assert.Equal(expected, FilterMatch.User(filter));
    }

    [Theory]
    [InlineData("userName ne \"someone@example.com\"", true)]
    [InlineData("userName ne \"BJENSEN@example.com\"", false)]
    public void Ne_is_the_negation_of_eq(string filter, bool expected)
    {
        Assert.Equal(expected, FilterMatch.User(filter));
    }

    [Fact]
    public void Reference_attributes_compare_as_text()
    {
        Assert.True(FilterMatch.User("meta.location sw \"https://example.com/v2/Users/\""));
    }
}
