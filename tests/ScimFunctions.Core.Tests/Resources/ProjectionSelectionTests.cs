using ScimFunctions.Core.Errors;
using ScimFunctions.Core.Resources;
using static ScimFunctions.Core.Tests.Resources.ProjectionTestData;
using static ScimFunctions.Core.Tests.Resources.ResourceTestData;

namespace ScimFunctions.Core.Tests.Resources;

public class ProjectionSelectionTests
{
    [Fact]
    public void Attributes_returns_only_those_plus_always_returned_ones()
    {
        var user = ProjectUser("userName,displayName", null);

        AssertJsonEqual($$"""{ "schemas": ["{{UserUrn}}"], "id": "u1", "userName": "bjensen", "displayName": "Babs" }""", user);
    }

    [Fact]
    public void Attribute_names_are_case_insensitive_and_trimmed()
    {
        var user = ProjectUser(" USERNAME , Name.GivenName ", null);

        AssertJsonEqual($$"""{ "schemas": ["{{UserUrn}}"], "id": "u1", "userName": "bjensen", "name": { "givenName": "Barbara" } }""", user);
    }

    [Fact]
    public void A_sub_attribute_path_selects_that_sub_attribute_of_every_value()
    {
        var user = ProjectUser("emails.value", null);

        AssertJsonEqual("""[{ "value": "b@example.com" }, { "value": "babs@home.org" }]""", user["emails"]);
    }

    [Fact]
    public void A_urn_qualified_path_selects_an_extension_attribute()
    {
        var user = ProjectUser(EnterpriseUrn + ":manager", null);

        AssertJsonEqual($$"""
            { "schemas": ["{{UserUrn}}", "{{EnterpriseUrn}}"], "id": "u1", "{{EnterpriseUrn}}": { "manager": { "value": "m1", "displayName": "John" } } }
            """, user);
    }

    [Fact]
    public void An_extension_urn_selects_the_whole_extension()
    {
        var user = ProjectUser(EnterpriseUrn, null);

        AssertJsonEqual("""{ "employeeNumber": "701984", "manager": { "value": "m1", "displayName": "John" } }""", user[EnterpriseUrn]);
        Assert.False(user.ContainsKey("userName"));
    }

    [Fact]
    public void Excluded_attributes_removes_them_from_the_default_set()
    {
        var user = ProjectUser(null, "emails,name.familyName,meta");

        Assert.False(user.ContainsKey("emails"));
        Assert.False(user.ContainsKey("meta"));
        AssertJsonEqual("""{ "givenName": "Barbara" }""", user["name"]);
        Assert.Equal("bjensen", (string?)user["userName"]);
    }

    [Fact]
    public void Excluding_the_whole_extension_removes_it_from_schemas_too()
    {
        var user = ProjectUser(null, EnterpriseUrn);

        Assert.False(user.ContainsKey(EnterpriseUrn));
        AssertJsonEqual($$"""["{{UserUrn}}"]""", user["schemas"]);
    }

    [Fact]
    public void Entra_reads_groups_with_excluded_members()
    {
        var selection = AttributeSelection.Parse(null, "members", GroupType);

        var group = ResourceProjector.Project(StoredGroup(), GroupType, selection);

        Assert.False(selection.Includes("members"));
        Assert.True(selection.Includes("displayName"));
        AssertJsonEqual($$"""{ "schemas": ["{{GroupUrn}}"], "id": "g1", "displayName": "Tour Guides", "meta": { "resourceType": "Group" } }""", group);
    }

    [Fact]
    public void Unknown_attribute_names_are_ignored()
    {
        var user = ProjectUser(null, "members,shoeSize");

        Assert.Equal("bjensen", (string?)user["userName"]);
        Assert.True(AttributeSelection.Parse(null, "members", UserType).Includes("userName"));
    }

    [Fact]
    public void Both_parameters_together_are_invalid_syntax()
    {
        AssertScimError(ScimType.InvalidSyntax, () => AttributeSelection.Parse("userName", "emails", UserType));
    }

    [Theory]
    [InlineData("emails[type eq \"work\"]")]
    [InlineData("name.givenName.x")]
    [InlineData("1abc")]
    public void A_malformed_path_is_invalid_value(string path)
    {
        AssertScimError(ScimType.InvalidValue, () => AttributeSelection.Parse(path, null, UserType));
    }

    [Fact]
    public void Blank_parameters_are_the_default_selection()
    {
        var selection = AttributeSelection.Parse(" ", ",", UserType);

        Assert.True(selection.IsDefault);
        Assert.False(selection.Includes("password"));
    }

    [Theory]
    [InlineData("members", null, "members", true)]
    [InlineData("displayName", null, "members", false)]
    [InlineData("members.value", null, "members", true)]
    [InlineData(null, "members.display", "members", true)]
    [InlineData(null, null, "members", true)]
    [InlineData("displayName", null, "id", true)]
    [InlineData(null, "displayName", "displayName", false)]
    public void Includes_tells_the_store_whether_a_group_attribute_is_needed(string? attributes, string? excluded, string name, bool expected)
    {
        Assert.Equal(expected, AttributeSelection.Parse(attributes, excluded, GroupType).Includes(name));
    }

    [Fact]
    public void Includes_accepts_qualified_names_and_extension_urns()
    {
        var selection = AttributeSelection.Parse(EnterpriseUrn + ":manager.value", null, UserType);

        Assert.True(selection.Includes(EnterpriseUrn + ":manager"));
        Assert.True(selection.Includes(EnterpriseUrn));
        Assert.False(selection.Includes(EnterpriseUrn + ":department"));
        Assert.False(selection.Includes("emails"));
    }

    [Fact]
    public void The_default_selection_includes_everything_it_cannot_rule_out()
    {
        Assert.True(AttributeSelection.Default.Includes("members"));
    }
}
