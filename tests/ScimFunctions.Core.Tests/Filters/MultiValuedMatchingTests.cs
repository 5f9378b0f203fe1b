using System.Text.Json.Nodes;

namespace ScimFunctions.Core.Tests.Filters;

public class MultiValuedMatchingTests
{
    [Theory]
    [InlineData("emails.value eq \"babs@jensen.org\"", true)]
    [InlineData("emails.value co \"@jensen.\"", true)]
    [InlineData("emails.type eq \"other\"", false)]
    [InlineData("emails.value ew \".net\"", false)]
    public void A_sub_attribute_of_a_multi_valued_attribute_matches_when_any_value_matches(string filter, bool expected)
    {
        Assert.Equal(expected, FilterMatch.User(filter));
    }

    [Theory]
    [InlineData("emails[type eq \"work\" and value co \"@example.com\"]", true)]
    [InlineData("emails[type eq \"home\" and value co \"@example.com\"]", false)]
    [InlineData("emails[type eq \"home\" or value co \"@nowhere\"]", true)]
    [InlineData("emails[not (type eq \"work\")]", true)]
    [InlineData("emails[TYPE eq \"WORK\"]", true)]
    public void A_value_filter_must_hold_for_one_and_the_same_value(string filter, bool expected)
    {
        Assert.Equal(expected, FilterMatch.User(filter));
    }

    [Fact]
    public void Without_a_value_filter_the_sub_attribute_tests_may_match_different_values()
    {
        Assert.True(FilterMatch.User("emails.type eq \"home\" and emails.value co \"@example.com\""));
    }

    [Theory]
    [InlineData("emails[type eq \"work\"].value eq \"bjensen@example.com\"", true)]
    [InlineData("emails[type eq \"work\"].value eq \"BJENSEN@EXAMPLE.COM\"", true)]
    [InlineData("emails[type eq \"work\"].value eq \"babs@jensen.org\"", false)]
    [InlineData("emails[type eq \"home\"].value eq \"babs@jensen.org\"", true)]
    public void Entra_value_path_with_sub_attribute_matches_within_one_value(string filter, bool expected)
    {
        Assert.Equal(expected, FilterMatch.User(filter));
    }

    [Theory]
    [InlineData("members eq \"902c246b-6245-4190-8e05-00816be7344a\"", true)]
    [InlineData("members eq \"00000000-0000-0000-0000-000000000000\"", false)]
    [InlineData("members.value eq \"2819c223-7f76-453a-919d-413861904646\"", true)]
    [InlineData("members[value eq \"2819c223-7f76-453a-919d-413861904646\"]", true)]
    [InlineData("id eq \"e9e30dba-f08f-4109-8486-d5c6a331660a\" and members eq \"2819c223-7f76-453a-919d-413861904646\"", true)]
    public void Members_without_a_sub_attribute_compares_the_member_value(string filter, bool expected)
    {
        Assert.Equal(expected, FilterMatch.Group(filter));
    }

    [Theory]
    [InlineData("tags eq \"GREEN\"", true)]
    [InlineData("tags sw \"bl\"", true)]
    [InlineData("tags eq \"red\"", false)]
    [InlineData("tags[value eq \"blue\"]", true)]
    public void A_multi_valued_simple_attribute_matches_when_any_value_matches(string filter, bool expected)
    {
        Assert.Equal(expected, FilterMatch.User(TestSchemas.AcmeUrn + ":" + filter));
    }

    [Theory]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"701984\"", true)]
    [InlineData("URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER:EMPLOYEENUMBER eq \"701984\"", true)]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq \"26118915-6090-4610-87e4-49d8ca9f808d\"", true)]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager eq \"26118915-6090-4610-87e4-49d8ca9f808d\"", true)]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager[value sw \"2611\"]", true)]
    [InlineData("urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"bjensen@example.com\"", true)]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"1\"", false)]
    public void Urn_qualified_paths_reach_extension_attributes(string filter, bool expected)
    {
        Assert.Equal(expected, FilterMatch.User(filter));
    }

    [Fact]
    public void A_single_valued_complex_attribute_matches_on_its_sub_attribute()
    {
        Assert.True(FilterMatch.User("name.familyName co \"jen\""));
        Assert.True(FilterMatch.User("name[givenName eq \"Barbara\" and familyName eq \"Jensen\"]"));
        Assert.False(FilterMatch.User("name[givenName eq \"Barbara\" and familyName eq \"Smith\"]"));
    }

    [Fact]
    public void Values_that_are_not_objects_are_skipped_by_sub_attribute_paths()
    {
        var user = TestSchemas.Babs();
        user["emails"] = new JsonArray("not-an-object", new JsonObject { ["value"] = "x@example.com" });

        Assert.True(FilterMatch.User("emails.value eq \"x@example.com\"", user));
    }
}
