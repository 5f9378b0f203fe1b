using static ScimFunctions.Core.Tests.Resources.ResourceTestData;

namespace ScimFunctions.Core.Tests.Resources;

public class ReadOnlyAttributeTests
{
    [Fact]
    public void Id_meta_and_groups_are_ignored_on_input()
    {
        var user = NormalizeUser("""
            "id": "client-chosen", "meta": { "resourceType": "User", "created": "2020-01-01T00:00:00Z" }, "groups": [{ "value": "g1" }]
            """);

        AssertJsonEqual($$"""{ "schemas": ["{{UserUrn}}"], "userName": "bjensen" }""", user);
    }

    [Fact]
    public void Okta_empty_groups_array_is_accepted_and_dropped()
    {
        var user = NormalizeUser(""" "groups": [], "active": true, "locale": "en-US" """);

        Assert.False(user.ContainsKey("groups"));
        Assert.True((bool)user["active"]!);
    }

    [Fact]
    public void A_read_only_sub_attribute_of_a_writable_attribute_is_ignored()
    {
        var user = NormalizeUser($$""" "{{EnterpriseUrn}}": { "manager": { "value": "m1", "displayName": "John Smith" } } """);

        AssertJsonEqual("""{ "value": "m1" }""", user[EnterpriseUrn]!["manager"]);
    }

    [Fact]
    public void Read_only_attributes_are_ignored_even_when_malformed()
    {
        var user = NormalizeUser(""" "meta": "not an object", "id": 42 """);

        Assert.False(user.ContainsKey("meta"));
        Assert.False(user.ContainsKey("id"));
    }

    [Fact]
    public void The_write_only_password_is_kept_for_the_store_to_decide()
    {
        var user = NormalizeUser(""" "password": "t1meMachine" """);

        Assert.Equal("t1meMachine", (string?)user["password"]);
    }
}
