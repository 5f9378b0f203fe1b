using ScimFunctions.Core.Patch;
using static ScimFunctions.Core.Tests.Patch.PatchTestData;

namespace ScimFunctions.Core.Tests.Patch;

/// <summary>What Microsoft Entra ID's provisioning service really sends (docs/idp-behaviours.md), end to end through parse and apply.</summary>
public class EntraIdBehaviourTests
{
    [Fact]
    public void Capitalised_Replace_with_a_False_string_deactivates_the_user()
    {
        var result = ApplyToUser("""[ { "op": "Replace", "path": "active", "value": "False" } ]""");

        Assert.False((bool)result.Resource["active"]!);
        Assert.Equal(["active"], result.ChangedAttributes);
    }

    [Fact]
    public void A_True_string_in_a_filter_and_in_a_value_is_a_boolean()
    {
        var result = ApplyToUser("""[ { "op": "Replace", "path": "emails[primary eq \"True\"].display", "value": "Work" } ]""");

        Assert.Equal("Work", (string?)result.Resource["emails"]![0]!["display"]);
    }

    [Fact]
    public void Path_less_replace_with_dotted_and_urn_keys_updates_core_and_extension_attributes()
    {
        var result = ApplyToUser($$"""
            [ { "op": "replace", "value": { "name.givenName": "A", "{{Enterprise}}:employeeNumber": "7", "active": "True" } } ]
            """);

        Assert.Equal("A", (string?)result.Resource["name"]!["givenName"]);
        Assert.Equal("7", (string?)result.Resource.EnterpriseValue("employeeNumber"));
        Assert.Equal(["name", Enterprise + ":employeeNumber"], result.ChangedAttributes);
    }

    [Fact]
    public void Add_on_a_filtered_work_email_creates_it_when_the_user_has_none()
    {
        var result = Apply(MinimalUser(), """[ { "op": "Add", "path": "emails[type eq \"work\"].value", "value": "min@work.example" } ]""");

        Assert.Equal("""[{"type":"work","value":"min@work.example"}]""", result.Resource["emails"]!.ToJsonString());
    }

    [Fact]
    public void Add_on_a_filtered_work_email_updates_it_when_it_exists()
    {
        var result = ApplyToUser("""[ { "op": "Add", "path": "emails[type eq \"work\"].value", "value": "new@work.example" } ]""");

        Assert.Equal(["new@work.example", "babs@jensen.org"], result.Resource.Values("emails"));
    }

    [Fact]
    public void Member_removal_by_value_array_removes_only_the_listed_members()
    {
        var result = Apply(Group(), """[ { "op": "Remove", "path": "members", "value": [ { "value": "u2" } ] } ]""", ExternalizedMembers());

        Assert.False(result.Members!.Clear);
        Assert.Equal(["u2"], result.Members.Removed);
    }

    [Fact]
    public void Member_removal_by_filter_with_the_aadOptscim062020_flag_removes_that_member()
    {
        var result = Apply(Group(), """[ { "op": "remove", "path": "members[value eq \"u1\"]" } ]""", ExternalizedMembers());

        Assert.Equal(["u1"], result.Members!.Removed);
    }

    [Fact]
    public void A_redundant_member_add_after_removals_is_not_an_error()
    {
        var result = ApplyToGroup("""
            [
              { "op": "Remove", "path": "members", "value": [ { "value": "u3" } ] },
              { "op": "Add", "path": "members", "value": [ { "value": "u1" } ] }
            ]
            """);

        Assert.Equal(["u1", "u2"], result.Resource.Values("members"));
    }

    [Fact]
    public void Manager_add_replace_and_remove_as_the_validator_sends_them()
    {
        var added = Apply(MinimalUser(), """[ { "op": "Add", "path": "manager", "value": [ { "$ref": null, "value": "m-1" } ] } ]""");
        var replaced = Apply(added.Resource, """[ { "op": "Replace", "path": "manager", "value": [ { "$ref": null, "value": "m-2" } ] } ]""");
        var removed = Apply(replaced.Resource, """[ { "op": "Remove", "path": "manager" } ]""");

        Assert.Equal("m-1", (string?)added.Resource.EnterpriseValue("manager")!["value"]);
        Assert.Equal("m-2", (string?)replaced.Resource.EnterpriseValue("manager")!["value"]);
        Assert.Null(removed.Resource.EnterpriseValue("manager"));
        Assert.False(removed.Resource.ContainsKey(Enterprise));
    }

    [Fact]
    public void A_verbose_multi_operation_update_applies_every_operation()
    {
        var result = ApplyToUser($$"""
            [
              { "op": "Replace", "path": "userName", "value": "new.name@example.com" },
              { "op": "Replace", "path": "displayName", "value": "New Name" },
              { "op": "Replace", "path": "name.familyName", "value": "Name" },
              { "op": "Replace", "path": "emails[type eq \"work\"].value", "value": "new.name@example.com" },
              { "op": "Replace", "path": "{{Enterprise}}:department", "value": "Finance" },
              { "op": "Add", "path": "phoneNumbers[type eq \"mobile\"].value", "value": "555-0101" }
            ]
            """);

        Assert.Equal(["userName", "displayName", "name", "emails", Enterprise + ":department", "phoneNumbers"], result.ChangedAttributes);
        Assert.Equal("555-0101", result.Resource.Values("phoneNumbers")[1]);
    }

    [Fact]
    public void Capitalised_ops_are_accepted_for_every_operation_type()
    {
        var result = ApplyToUser("""
            [
              { "op": "Add", "path": "nickName", "value": "B" },
              { "op": "Replace", "path": "title", "value": "T" },
              { "op": "Remove", "path": "displayName" }
            ]
            """);

        Assert.Equal(["nickName", "title", "displayName"], result.ChangedAttributes);
    }

    [Fact]
    public void Boolean_strings_are_refused_for_a_strict_tenant()
    {
        var strict = new PatchOptions { Compatibility = CompatibilityOptions.Default with { BooleanStrings = false } };

        var error = RejectsUser("""[ { "op": "replace", "path": "active", "value": "False" } ]""", strict);

        Assert.Equal(Errors.ScimType.InvalidValue, error.ScimType);
    }
}
