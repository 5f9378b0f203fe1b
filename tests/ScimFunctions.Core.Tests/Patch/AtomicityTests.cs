using System.Text.Json.Nodes;
using ScimFunctions.Core.Errors;
using ScimFunctions.Core.Patch;
using static ScimFunctions.Core.Tests.Patch.PatchTestData;

namespace ScimFunctions.Core.Tests.Patch;

/// <summary>A PATCH is all or nothing: applied to a copy, returned only when every operation succeeded.</summary>
public class AtomicityTests
{
    [Fact]
    public void When_the_second_operation_fails_the_input_is_unchanged_and_no_result_is_returned()
    {
        var user = User();
        var before = user.DeepClone();
        PatchResult? result = null;

        var error = Assert.Throws<ScimException>(() => result = Apply(user, """
            [
              { "op": "replace", "path": "displayName", "value": "Applied first" },
              { "op": "replace", "path": "active", "value": "not a boolean" }
            ]
            """));

        Assert.Equal(ScimType.InvalidValue, error.ScimType);
        Assert.Null(result);
        Assert.True(JsonNode.DeepEquals(before, user));
    }

    [Fact]
    public void A_failure_after_a_change_to_a_nested_value_leaves_the_nested_value_unchanged()
    {
        var user = User();

        Rejects(user, """
            [
              { "op": "replace", "path": "emails[type eq \"work\"].value", "value": "changed@example.com" },
              { "op": "add", "path": "name.givenName", "value": "Babs" },
              { "op": "replace", "path": "id", "value": "hijack" }
            ]
            """);

        Assert.Equal("bjensen@example.com", (string?)user["emails"]![0]!["value"]);
        Assert.Equal("Barbara", (string?)user["name"]!["givenName"]);
    }

    [Fact]
    public void A_failing_last_operation_discards_member_changes_of_earlier_ones()
    {
        var group = Group();

        Assert.Throws<ScimException>(() => Apply(group, """
            [
              { "op": "remove", "path": "members[value eq \"u1\"]" },
              { "op": "add", "path": "members", "value": [ { "value": "u9" } ] },
              { "op": "replace", "path": "displayName", "value": { "not": "a string" } }
            ]
            """, ExternalizedMembers()));

        Assert.True(JsonNode.DeepEquals(Group(), group));
    }

    [Fact]
    public void The_result_is_checked_as_a_whole_so_removing_a_required_attribute_fails()
    {
        var error = RejectsUser("""[ { "op": "remove", "path": "userName" } ]""");

        Assert.Equal(ScimType.InvalidValue, error.ScimType);
    }

    [Fact]
    public void An_intermediate_state_may_break_an_invariant_that_the_final_state_restores()
    {
        var result = ApplyToUser("""
            [
              { "op": "remove", "path": "userName" },
              { "op": "add", "path": "userName", "value": "renamed@example.com" }
            ]
            """);

        Assert.Equal("renamed@example.com", (string?)result.Resource["userName"]);
    }
}
