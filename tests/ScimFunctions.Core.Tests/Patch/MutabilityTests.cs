using System.Text.Json.Nodes;
using ScimFunctions.Core.Errors;
using ScimFunctions.Core.Schemas;
using static ScimFunctions.Core.Tests.Patch.PatchTestData;

namespace ScimFunctions.Core.Tests.Patch;

/// <summary>RFC 7643 §7 mutability under PATCH: readOnly never changes, immutable only gets a first value.</summary>
public class MutabilityTests
{
    private const string Badge = "urn:example:params:scim:schemas:extension:badge:1.0:User";

    private static readonly ResourceTypeDefinition _userWithBadge = ScimSchemas.UserResourceType(
    [
        new SchemaExtension(
            new SchemaDefinition(Badge, "Badge", "Badge extension", [new AttributeDefinition("badgeNumber", ScimAttributeType.String, mutability: Mutability.Immutable)]),
            Required: false),
    ]);

    [Theory]
    [InlineData("""{ "op": "replace", "path": "id", "value": "other" }""")]
    [InlineData("""{ "op": "remove", "path": "id" }""")]
    [InlineData("""{ "op": "replace", "path": "meta.lastModified", "value": "2030-01-01T00:00:00Z" }""")]
    [InlineData("""{ "op": "remove", "path": "meta" }""")]
    [InlineData("""{ "op": "add", "path": "groups", "value": [ { "value": "g2" } ] }""")]
    [InlineData("""{ "op": "remove", "path": "groups[value eq \"g1\"]" }""")]
    [InlineData("""{ "op": "replace", "value": { "id": "other" } }""")]
    [InlineData("""{ "op": "replace", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.displayName", "value": "X" }""")]
    public void Changing_a_readOnly_attribute_is_a_mutability_error(string operation)
    {
        var error = RejectsUser("[" + operation + "]");

        Assert.Equal(ScimType.Mutability, error.ScimType);
    }

    [Fact]
    public void Writing_the_current_value_of_a_readOnly_attribute_is_a_no_op()
    {
        var result = ApplyToUser($$"""[ { "op": "replace", "value": { "id": "{{UserId}}", "displayName": "Renamed" } } ]""");

        Assert.Equal(UserId, (string?)result.Resource["id"]);
        Assert.Equal(["displayName"], result.ChangedAttributes);
    }

    [Fact]
    public void Removing_an_absent_readOnly_attribute_is_a_no_op()
    {
        var result = Apply(MinimalUser(), """[ { "op": "remove", "path": "groups" } ]""");

        Assert.False(result.HasChanges);
    }

    [Fact]
    public void An_immutable_attribute_without_a_value_may_be_added()
    {
        var result = Apply(MinimalUser(), $$"""[ { "op": "add", "path": "{{Badge}}:badgeNumber", "value": "B-1" } ]""", resourceType: _userWithBadge);

        Assert.Equal("B-1", (string?)result.Resource[Badge]!["badgeNumber"]);
    }

    [Theory]
    [InlineData("add", "B-2")]
    [InlineData("replace", "B-2")]
    public void An_immutable_attribute_with_a_value_cannot_change(string op, string value)
    {
        var user = MinimalUser();
        user[Badge] = new JsonObject { ["badgeNumber"] = "B-1" };

        var error = Rejects(user, $$"""[ { "op": "{{op}}", "path": "{{Badge}}:badgeNumber", "value": "{{value}}" } ]""", resourceType: _userWithBadge);

        Assert.Equal(ScimType.Mutability, error.ScimType);
    }

    [Fact]
    public void An_immutable_attribute_with_a_value_cannot_be_removed()
    {
        var user = MinimalUser();
        user[Badge] = new JsonObject { ["badgeNumber"] = "B-1" };

        var error = Rejects(user, $$"""[ { "op": "remove", "path": "{{Badge}}:badgeNumber" } ]""", resourceType: _userWithBadge);

        Assert.Equal(ScimType.Mutability, error.ScimType);
    }

    [Fact]
    public void Writing_the_current_value_of_an_immutable_attribute_is_a_no_op()
    {
        var user = MinimalUser();
        user[Badge] = new JsonObject { ["badgeNumber"] = "B-1" };

        var result = Apply(user, $$"""[ { "op": "replace", "path": "{{Badge}}:badgeNumber", "value": "B-1" } ]""", resourceType: _userWithBadge);

        Assert.False(result.HasChanges);
    }

    [Fact]
    public void An_immutable_sub_attribute_of_a_value_cannot_be_changed_by_a_filtered_replace()
    {
        var error = Rejects(Group(), """[ { "op": "replace", "path": "members[value eq \"u1\"].value", "value": "u9" } ]""");

        Assert.Equal(ScimType.Mutability, error.ScimType);
    }
}
