using ScimFunctions.Core.Resources;
using ScimFunctions.Core.Schemas;
using static ScimFunctions.Core.Tests.Resources.ProjectionTestData;
using static ScimFunctions.Core.Tests.Resources.ResourceTestData;

namespace ScimFunctions.Core.Tests.Resources;

public class ProjectionReturnedTests
{
    [Fact]
    public void By_default_every_attribute_except_returned_never_is_in_the_response()
    {
        var user = ResourceProjector.Project(StoredUser(), UserType, AttributeSelection.Default);

        Assert.False(user.ContainsKey("password"));
        var expected = StoredUser();
        expected.Remove("password");
        AssertJsonEqual(expected.ToJsonString(), user);
    }

    [Fact]
    public void Password_is_never_returned_even_when_asked_for()
    {
        var user = ProjectUser("password,userName", null);

        Assert.False(user.ContainsKey("password"));
        Assert.Equal("bjensen", (string?)user["userName"]);
    }

    [Fact]
    public void Id_is_always_returned_and_cannot_be_excluded()
    {
        Assert.Equal("u1", (string?)ProjectUser("userName", null)["id"]);
        Assert.Equal("u1", (string?)ProjectUser(null, "id")["id"]);
    }

    [Fact]
    public void Returned_request_attributes_appear_only_when_named()
    {
        var type = ScimSchemas.UserResourceType([new SchemaExtension(TenantSchemas.Badge, Required: false)]);
        var stored = StoredUser();
        stored["schemas"]!.AsArray().Add(TenantSchemas.BadgeUrn);
        stored[TenantSchemas.BadgeUrn] = Json("""{ "badgeNumber": "B1", "auditTrail": "long text", "pin": "1234" }""");

        var byDefault = ProjectUser(null, null, stored.DeepClone().AsObject(), type);
        var excluding = ProjectUser(null, "displayName", stored.DeepClone().AsObject(), type);
        var asked = ProjectUser(TenantSchemas.BadgeUrn + ":auditTrail", null, stored.DeepClone().AsObject(), type);

        AssertJsonEqual("""{ "badgeNumber": "B1" }""", byDefault[TenantSchemas.BadgeUrn]);
        AssertJsonEqual("""{ "badgeNumber": "B1" }""", excluding[TenantSchemas.BadgeUrn]);
        AssertJsonEqual("""{ "auditTrail": "long text" }""", asked[TenantSchemas.BadgeUrn]);
    }

    [Fact]
    public void The_projection_is_a_copy()
    {
        var stored = StoredUser();

        var user = ResourceProjector.Project(stored, UserType, AttributeSelection.Default);
        user["name"]!["givenName"] = "Changed";

        Assert.Equal("Barbara", (string?)stored["name"]!["givenName"]);
    }

    [Fact]
    public void Keys_no_schema_of_the_type_defines_are_left_out()
    {
        var stored = StoredUser();
        stored["urn:example:removed:2.0:User"] = Json("""{ "x": 1 }""");
        stored["internalColumn"] = 3;

        var user = ResourceProjector.Project(stored, UserType, AttributeSelection.Default);

        Assert.False(user.ContainsKey("urn:example:removed:2.0:User"));
        Assert.False(user.ContainsKey("internalColumn"));
    }
}
