using System.Text.Json.Nodes;

namespace ScimFunctions.Core.Tests.Filters;

public class PresenceAndAbsenceTests
{
    [Theory]
    [InlineData("userName pr", true)]
    [InlineData("name pr", true)]
    [InlineData("name.middleName pr", false)]
    [InlineData("emails pr", true)]
    [InlineData("emails.display pr", false)]
    [InlineData("phoneNumbers pr", false)]
    [InlineData("title pr", false)]
    [InlineData("active pr", true)]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager pr", true)]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department pr", false)]
    public void Pr_matches_a_non_empty_value(string filter, bool expected)
    {
        Assert.Equal(expected, FilterMatch.User(filter));
    }

    [Theory]
    [InlineData("""{ "nickName": null }""")]
    [InlineData("""{ "nickName": "" }""")]
    [InlineData("""{ "emails": [] }""")]
    [InlineData("""{ "emails": [ { "value": "" } ] }""")]
    [InlineData("""{ "name": { } }""")]
    [InlineData("""{ "name": { "givenName": null } }""")]
    public void Null_empty_and_absent_are_all_not_present(string document)
    {
        var user = JsonNode.Parse(document)!.AsObject();

        Assert.False(FilterMatch.User("nickName pr or emails pr or name pr", user));
    }

    [Fact]
    public void A_false_boolean_is_present()
    {
        var user = TestSchemas.Babs();
        user["active"] = false;

        Assert.True(FilterMatch.User("active pr", user));
    }

    [Theory]
    [InlineData("nickName ne \"x\"", true)]
    [InlineData("nickName eq \"x\"", false)]
    [InlineData("nickName eq null", true)]
    [InlineData("nickName ne null", false)]
    [InlineData("userName eq null", false)]
    [InlineData("userName ne null", true)]
    [InlineData("phoneNumbers.value ne \"1\"", true)]
    [InlineData("nickName gt \"a\"", false)]
    public void Comparisons_with_an_absent_attribute_match_only_ne_and_eq_null(string filter, bool expected)
    {
        Assert.Equal(expected, FilterMatch.User(filter));
    }

    [Fact]
    public void Ne_on_a_multi_valued_attribute_matches_only_when_no_value_is_equal()
    {
        Assert.False(FilterMatch.User("emails.type ne \"home\""));
        Assert.True(FilterMatch.User("emails.type ne \"other\""));
    }

    [Theory]
    [InlineData("nosuchattribute eq \"x\"")]
    [InlineData("nosuchattribute ne \"x\"")]
    [InlineData("nosuchattribute pr")]
    [InlineData("name.nosuch eq \"x\"")]
    [InlineData("emails[nosuch eq \"x\"]")]
    [InlineData("nosuch[value eq \"x\"]")]
    [InlineData("urn:example:unknown:2.0:User:userName eq \"bjensen@example.com\"")]
    public void An_unknown_attribute_matches_nothing(string filter)
    {
        Assert.False(FilterMatch.User(filter));
    }

    [Fact]
    public void Not_of_an_unknown_attribute_matches()
    {
        Assert.True(FilterMatch.User("not (nosuchattribute eq \"x\")"));
    }
}
