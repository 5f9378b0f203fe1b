using ScimFunctions.Core.Errors;
using static ScimFunctions.Core.Tests.Patch.PatchTestData;

namespace ScimFunctions.Core.Tests.Patch;

/// <summary>The Enterprise User manager as Entra ID sends it (and as its SCIM Validator checks it: add, replace, remove).</summary>
public class ManagerTests
{
    [Fact]
    public void Entra_add_of_manager_as_a_one_element_array_with_a_null_ref_sets_the_manager()
    {
        var result = Apply(MinimalUser(), """[ { "op": "Add", "path": "manager", "value": [ { "$ref": null, "value": "m-1" } ] } ]""");

        Assert.Equal("""{"value":"m-1"}""", result.Resource.EnterpriseValue("manager")!.ToJsonString());
        Assert.Equal([Enterprise + ":manager"], result.ChangedAttributes);
    }

    [Fact]
    public void Replace_of_the_manager_with_a_urn_path_changes_its_value()
    {
        var result = ApplyToUser($$"""[ { "op": "Replace", "path": "{{Enterprise}}:manager", "value": { "value": "m-2" } } ]""");

        Assert.Equal("""{"value":"m-2"}""", result.Resource.EnterpriseValue("manager")!.ToJsonString());
    }

    [Fact]
    public void Replacing_the_manager_id_drops_the_previous_managers_displayName()
    {
        var result = ApplyToUser($$"""[ { "op": "replace", "path": "{{Enterprise}}:manager.value", "value": "m-2" } ]""");

        Assert.Equal("""{"value":"m-2"}""", result.Resource.EnterpriseValue("manager")!.ToJsonString());
    }

    [Fact]
    public void A_manager_given_as_a_bare_id_string_is_its_value()
    {
        var result = ApplyToUser($$"""[ { "op": "replace", "path": "{{Enterprise}}:manager", "value": "m-3" } ]""");

        Assert.Equal("m-3", (string?)result.Resource.EnterpriseValue("manager")!["value"]);
    }

    [Fact]
    public void Remove_of_the_manager_unassigns_it()
    {
        var result = ApplyToUser($$"""[ { "op": "Remove", "path": "{{Enterprise}}:manager" } ]""");

        Assert.Null(result.Resource.EnterpriseValue("manager"));
        Assert.Equal("701984", (string?)result.Resource.EnterpriseValue("employeeNumber"));
    }

    [Fact]
    public void Remove_of_the_manager_with_its_id_as_value_unassigns_it()
    {
        var result = ApplyToUser($$"""[ { "op": "Remove", "path": "manager", "value": [ { "value": "{{ManagerId}}" } ] } ]""");

        Assert.Null(result.Resource.EnterpriseValue("manager"));
    }

    [Fact]
    public void Remove_of_the_manager_with_another_id_as_value_keeps_it()
    {
        var result = ApplyToUser("""[ { "op": "Remove", "path": "manager", "value": [ { "value": "someone-else" } ] } ]""");

        Assert.Equal(ManagerId, (string?)result.Resource.EnterpriseValue("manager")!["value"]);
    }

    [Fact]
    public void The_readOnly_displayName_inside_a_manager_value_is_ignored()
    {
        var result = Apply(MinimalUser(), """[ { "op": "add", "path": "manager", "value": { "value": "m-1", "displayName": "Forged" } } ]""");

        Assert.Equal("""{"value":"m-1"}""", result.Resource.EnterpriseValue("manager")!.ToJsonString());
    }

    [Fact]
    public void A_path_to_the_readOnly_manager_displayName_is_a_mutability_error()
    {
        var error = RejectsUser($$"""[ { "op": "replace", "path": "{{Enterprise}}:manager.displayName", "value": "Forged" } ]""");

        Assert.Equal(ScimType.Mutability, error.ScimType);
    }

    [Fact]
    public void More_than_one_manager_is_invalidValue()
    {
        var error = RejectsUser("""[ { "op": "add", "path": "manager", "value": [ { "value": "a" }, { "value": "b" } ] } ]""");

        Assert.Equal(ScimType.InvalidValue, error.ScimType);
    }
}
