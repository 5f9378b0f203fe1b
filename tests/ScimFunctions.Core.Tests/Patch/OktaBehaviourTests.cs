using static ScimFunctions.Core.Tests.Patch.PatchTestData;

namespace ScimFunctions.Core.Tests.Patch;

/// <summary>What Okta really sends (docs/idp-behaviours.md), end to end through parse and apply.</summary>
public class OktaBehaviourTests
{
    private const string GroupId = "e9e30dba-f08f-4109-8486-d5c6a331660a";

    [Fact]
    public void Path_less_replace_of_active_false_deactivates_and_true_reactivates()
    {
        var deactivated = ApplyToUser("""[ { "op": "replace", "value": { "active": false } } ]""");
        var reactivated = Apply(deactivated.Resource, """[ { "op": "replace", "value": { "active": true } } ]""");

        Assert.False((bool)deactivated.Resource["active"]!);
        Assert.True((bool)reactivated.Resource["active"]!);
        Assert.Equal(["active"], reactivated.ChangedAttributes);
    }

    [Fact]
    public void Combined_membership_patch_with_rename_removes_adds_and_renames()
    {
        var result = Apply(Group(), $$"""
            [
              { "op": "remove", "path": "members[value eq \"u1\"]" },
              { "op": "add", "path": "members", "value": [ { "value": "u4", "display": "dee@example.com" } ] },
              { "op": "replace", "value": { "id": "{{GroupId}}", "displayName": "Tour Guides (EU)" } }
            ]
            """, ExternalizedMembers());

        Assert.Equal(["u1"], result.Members!.Removed);
        Assert.Equal("u4", Assert.Single(result.Members.Added).Value);
        Assert.Equal("Tour Guides (EU)", (string?)result.Resource["displayName"]);
        Assert.Equal(GroupId, (string?)result.Resource["id"]);
        Assert.Equal(["displayName"], result.ChangedAttributes);
    }

    [Fact]
    public void The_same_combined_patch_applies_to_members_kept_in_the_document()
    {
        var result = ApplyToGroup($$"""
            [
              { "op": "remove", "path": "members[value eq \"u1\"]" },
              { "op": "add", "path": "members", "value": [ { "value": "u4" } ] },
              { "op": "replace", "value": { "id": "{{GroupId}}", "displayName": "Tour Guides" } }
            ]
            """);

        Assert.Equal(["u2", "u3", "u4"], result.Resource.Values("members"));
        Assert.Equal(["members"], result.ChangedAttributes);
    }

    [Fact]
    public void A_rename_with_another_id_is_a_mutability_error()
    {
        var error = Rejects(Group(), """[ { "op": "replace", "value": { "id": "another-id", "displayName": "X" } } ]""");

        Assert.Equal(Errors.ScimType.Mutability, error.ScimType);
    }

    [Fact]
    public void A_full_push_replaces_members()
    {
        var result = Apply(Group(), """[ { "op": "replace", "path": "members", "value": [ { "value": "u2" }, { "value": "u5" } ] } ]""", ExternalizedMembers());

        Assert.True(result.Members!.Clear);
        Assert.Equal(["u2", "u5"], result.Members.Added.Select(member => member.Value));
    }
}
