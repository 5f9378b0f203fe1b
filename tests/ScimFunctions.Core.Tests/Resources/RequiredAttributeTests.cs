using ScimFunctions.Core.Errors;
using ScimFunctions.Core.Resources;
using ScimFunctions.Core.Schemas;
using static ScimFunctions.Core.Tests.Resources.ResourceTestData;

namespace ScimFunctions.Core.Tests.Resources;

public class RequiredAttributeTests
{
    [Theory]
    [InlineData("")]
    [InlineData(""", "userName": null""")]
    [InlineData(""", "userName": "" """)]
    [InlineData(""", "userName": "   " """)]
    [InlineData(""", "userName": [] """)]
    public void A_user_without_a_user_name_is_invalid_value(string userName)
    {
        var error = AssertScimError(ScimType.InvalidValue, () => ResourceValidator.Normalize(Json($$"""{ "schemas": ["{{UserUrn}}"] {{userName}} }"""), UserType));

        Assert.Contains("userName", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_group_without_a_display_name_is_invalid_value()
    {
        AssertScimError(ScimType.InvalidValue, () => ResourceValidator.Normalize(Json($$"""{ "schemas": ["{{GroupUrn}}"], "members": [] }"""), GroupType));
    }

    [Fact]
    public void A_group_created_with_empty_members_keeps_no_members_attribute()
    {
        var group = ResourceValidator.Normalize(Json($$"""{ "schemas": ["{{GroupUrn}}"], "displayName": "Tour Guides", "members": [] }"""), GroupType);

        AssertJsonEqual($$"""{ "schemas": ["{{GroupUrn}}"], "displayName": "Tour Guides" }""", group);
    }

    [Fact]
    public void A_required_extension_must_be_present()
    {
        var type = ScimSchemas.UserResourceType([new SchemaExtension(TenantSchemas.Badge, Required: true)]);

        var error = AssertScimError(ScimType.InvalidValue, () => ResourceValidator.Normalize(UserBody(string.Empty), type));

        Assert.Contains(TenantSchemas.Badge.Id, error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Required_attributes_of_a_present_extension_are_checked()
    {
        var type = ScimSchemas.UserResourceType([new SchemaExtension(TenantSchemas.Badge, Required: false)]);

        var error = AssertScimError(ScimType.InvalidValue, () => ResourceValidator.Normalize(UserBody($$""" "{{TenantSchemas.Badge.Id}}": { "floor": 3 } """), type));

        Assert.Contains("badgeNumber", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Required_sub_attributes_of_a_present_complex_value_are_checked()
    {
        var type = ScimSchemas.UserResourceType([new SchemaExtension(TenantSchemas.Badge, Required: false)]);

        var error = AssertScimError(
            ScimType.InvalidValue,
            () => ResourceValidator.Normalize(UserBody($$""" "{{TenantSchemas.Badge.Id}}": { "badgeNumber": "B1", "doors": [{ "label": "front" }] } """), type));

        Assert.Contains("doors.code", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_invariants_accepts_a_complete_normalized_user()
    {
        var user = NormalizeUser(""" "emails": [{ "value": "a@x", "primary": true }] """);

        ResourceValidator.CheckInvariants(user, UserType);
    }
}
