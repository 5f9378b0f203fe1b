using ScimFunctions.Core.Errors;
using ScimFunctions.Core.Resources;
using ScimFunctions.Core.Schemas;
using static ScimFunctions.Core.Tests.Resources.ResourceTestData;

namespace ScimFunctions.Core.Tests.Resources;

public class CheckImmutableTests
{
    private static readonly ResourceTypeDefinition _type = ScimSchemas.UserResourceType([new SchemaExtension(TenantSchemas.Badge, Required: false)]);

    [Fact]
    public void Changing_an_immutable_attribute_that_has_a_value_is_a_mutability_error()
    {
        var error = Assert.Throws<ScimException>(() => ResourceValidator.CheckImmutable(Badge(""" "serial": "S1" """), Badge(""" "serial": "S2" """), _type));

        Assert.Equal(400, error.Status);
        Assert.Equal(ScimType.Mutability, error.ScimType);
        Assert.Contains("serial", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Removing_an_immutable_value_is_a_change()
    {
        AssertScimError(ScimType.Mutability, () => ResourceValidator.CheckImmutable(Badge(""" "serial": "S1" """), Badge(string.Empty), _type));
    }

    [Fact]
    public void Setting_an_immutable_attribute_that_had_no_value_is_allowed()
    {
        ResourceValidator.CheckImmutable(Badge(string.Empty), Badge(""" "serial": "S1" """), _type);
    }

    [Fact]
    public void The_same_value_is_allowed_ignoring_case_when_the_attribute_is_not_case_exact()
    {
        ResourceValidator.CheckImmutable(Badge(""" "serial": "abc" """), Badge(""" "serial": "ABC" """), _type);
    }

    [Fact]
    public void An_immutable_sub_attribute_of_a_single_valued_complex_attribute_is_checked_case_exactly()
    {
        AssertScimError(ScimType.Mutability, () => ResourceValidator.CheckImmutable(Badge(""" "holder": { "id": "h1" } """), Badge(""" "holder": { "id": "H1" } """), _type));
        ResourceValidator.CheckImmutable(Badge(""" "holder": { "id": "h1", "note": "a" } """), Badge(""" "holder": { "id": "h1", "note": "b" } """), _type);
    }

    [Fact]
    public void Group_members_may_be_replaced_although_member_values_are_immutable()
    {
        var before = ResourceValidator.Normalize(Json($$"""{ "schemas": ["{{GroupUrn}}"], "displayName": "G", "members": [{ "value": "u1" }] }"""), GroupType);
        var after = ResourceValidator.Normalize(Json($$"""{ "schemas": ["{{GroupUrn}}"], "displayName": "G", "members": [{ "value": "u2" }] }"""), GroupType);

        ResourceValidator.CheckImmutable(before, after, GroupType);
    }

    [Fact]
    public void Mutable_attributes_may_change()
    {
        ResourceValidator.CheckImmutable(NormalizeUser(""" "displayName": "A" """), NormalizeUser(""" "displayName": "B" """), UserType);
    }

    private static System.Text.Json.Nodes.JsonObject Badge(string attributes) =>
        ResourceValidator.Normalize(UserBody($$""" "{{TenantSchemas.BadgeUrn}}": { "badgeNumber": "B1"{{(attributes.Length > 0 ? ", " : string.Empty)}}{{attributes}} } """), _type);
}
