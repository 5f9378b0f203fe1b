using ScimFunctions.Core.Errors;
using static ScimFunctions.Core.Tests.Resources.ResourceTestData;

namespace ScimFunctions.Core.Tests.Resources;

public class NormalizeAttributeNamesTests
{
    [Fact]
    public void Attribute_and_sub_attribute_names_are_matched_case_insensitively_and_written_canonically()
    {
        var user = NormalizeUser("""
            "DISPLAYNAME": "Babs", "Name": { "GIVENNAME": "Barbara" }, "Emails": [{ "VALUE": "b@example.com", "Primary": true }], "EXTERNALID": "e1"
            """);

        AssertJsonEqual($$"""
            { "schemas": ["{{UserUrn}}"], "userName": "bjensen", "displayName": "Babs", "name": { "givenName": "Barbara" },
              "emails": [{ "value": "b@example.com", "primary": true }], "externalId": "e1" }
            """, user);
    }

    [Fact]
    public void Extension_attributes_are_read_under_their_urn_key()
    {
        var user = NormalizeUser($$""" "{{EnterpriseUrn}}": { "EmployeeNumber": "701984", "manager": { "value": "m1" } } """);

        AssertJsonEqual($$"""{ "employeeNumber": "701984", "manager": { "value": "m1" } }""", user[EnterpriseUrn]);
    }

    [Fact]
    public void Extension_attributes_are_accepted_as_urn_qualified_top_level_keys()
    {
        var user = NormalizeUser($$""" "{{EnterpriseUrn}}:employeeNumber": "7", "{{EnterpriseUrn}}:manager.value": "m1" """);

        AssertJsonEqual($$"""{ "employeeNumber": "7", "manager": { "value": "m1" } }""", user[EnterpriseUrn]);
        Assert.False(user.ContainsKey(EnterpriseUrn + ":employeeNumber"));
    }

    [Fact]
    public void Urn_qualified_keys_and_the_extension_object_merge()
    {
        var user = NormalizeUser($$""" "{{EnterpriseUrn}}": { "department": "Tours" }, "{{EnterpriseUrn}}:costCenter": "4130" """);

        AssertJsonEqual("""{ "department": "Tours", "costCenter": "4130" }""", user[EnterpriseUrn]);
    }

    [Fact]
    public void Core_attributes_may_be_qualified_with_the_core_urn()
    {
        var user = NormalizeUser($$""" "{{UserUrn}}:displayName": "Babs" """);

        Assert.Equal("Babs", (string?)user["displayName"]);
    }

    [Fact]
    public void Dotted_keys_set_sub_attributes_and_merge_with_the_complex_value()
    {
        var user = NormalizeUser(""" "name.givenName": "Barbara", "name": { "familyName": "Jensen" } """);

        AssertJsonEqual("""{ "givenName": "Barbara", "familyName": "Jensen" }""", user["name"]);
    }

    [Theory]
    [InlineData(""" "displayName": "a", "DisplayName": "b" """)]
    [InlineData(""" "name": { "givenName": "a", "GivenName": "b" } """)]
    [InlineData(""" "name": { "givenName": "a" }, "name.givenName": "b" """)]
    [InlineData(""" "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { "department": "a" }, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department": "b" """)]
    public void The_same_attribute_given_twice_is_invalid_syntax(string attributes)
    {
        AssertScimError(ScimType.InvalidSyntax, () => NormalizeUser(attributes));
    }

    [Fact]
    public void An_extension_key_whose_value_is_not_an_object_is_invalid_syntax()
    {
        AssertScimError(ScimType.InvalidSyntax, () => NormalizeUser($$""" "{{EnterpriseUrn}}": "Tours" """));
    }
}
