using System.Text.Json.Nodes;
using static ScimFunctions.Core.Tests.Patch.PatchTestData;

namespace ScimFunctions.Core.Tests.Patch;

/// <summary>Operations whose path names a whole attribute (RFC 7644 §3.5.2.1-3).</summary>
public class AttributePathTests
{
    [Fact]
    public void Add_to_an_unassigned_single_valued_attribute_sets_it()
    {
        var result = ApplyToUser("""[ { "op": "add", "path": "nickName", "value": "Babs" } ]""");

        Assert.Equal("Babs", (string?)result.Resource["nickName"]);
        Assert.Equal(["nickName"], result.ChangedAttributes);
    }

    [Fact]
    public void Add_to_an_assigned_single_valued_attribute_replaces_it()
    {
        var result = ApplyToUser("""[ { "op": "add", "path": "displayName", "value": "Barbara" } ]""");

        Assert.Equal("Barbara", (string?)result.Resource["displayName"]);
    }

    [Fact]
    public void Replace_sets_a_single_valued_attribute()
    {
        var result = ApplyToUser("""[ { "op": "replace", "path": "userName", "value": "barbara@example.com" } ]""");

        Assert.Equal("barbara@example.com", (string?)result.Resource["userName"]);
        Assert.Equal(["userName"], result.ChangedAttributes);
    }

    [Fact]
    public void Attribute_names_in_paths_are_case_insensitive_and_stored_canonically()
    {
        var result = ApplyToUser("""[ { "op": "replace", "path": "DISPLAYNAME", "value": "B" } ]""");

        Assert.Equal("B", (string?)result.Resource["displayName"]);
        Assert.False(result.Resource.ContainsKey("DISPLAYNAME"));
    }

    [Fact]
    public void Remove_takes_the_attribute_out()
    {
        var result = ApplyToUser("""[ { "op": "remove", "path": "displayName" } ]""");

        Assert.False(result.Resource.ContainsKey("displayName"));
        Assert.Equal(["displayName"], result.ChangedAttributes);
    }

    [Fact]
    public void Remove_of_an_unassigned_attribute_is_a_no_op_not_an_error()
    {
        var result = ApplyToUser("""[ { "op": "remove", "path": "nickName" } ]""");

        Assert.Empty(result.ChangedAttributes);
        Assert.False(result.HasChanges);
        Assert.True(JsonNode.DeepEquals(User(), result.Resource));
    }

    [Fact]
    public void Add_to_a_complex_attribute_merges_its_sub_attributes()
    {
        var result = ApplyToUser("""[ { "op": "add", "path": "name", "value": { "middleName": "Jane", "givenName": "Babs" } } ]""");

        var name = result.Resource["name"]!.AsObject();
        Assert.Equal("Babs", (string?)name["givenName"]);
        Assert.Equal("Jane", (string?)name["middleName"]);
        Assert.Equal("Jensen", (string?)name["familyName"]);
    }

    [Fact]
    public void Replace_of_a_complex_attribute_merges_too_leaving_unmentioned_sub_attributes()
    {
        var result = ApplyToUser("""[ { "op": "replace", "path": "name", "value": { "familyName": "Smith" } } ]""");

        Assert.Equal("""{"givenName":"Barbara","familyName":"Smith","formatted":"Ms. Barbara J Jensen III"}""", result.Resource["name"]!.ToJsonString());
    }

    [Fact]
    public void Add_to_a_multi_valued_attribute_appends()
    {
        var result = ApplyToUser("""[ { "op": "add", "path": "emails", "value": [ { "value": "b@other.org", "type": "other" } ] } ]""");

        Assert.Equal(["bjensen@example.com", "babs@jensen.org", "b@other.org"], result.Resource.Values("emails"));
        Assert.Equal(["emails"], result.ChangedAttributes);
    }

    [Fact]
    public void Add_of_a_single_object_to_a_multi_valued_attribute_appends_it_as_one_value()
    {
        var result = ApplyToUser("""[ { "op": "add", "path": "phoneNumbers", "value": { "value": "555-1234", "type": "mobile" } } ]""");

        Assert.Equal(["555-555-5555", "555-1234"], result.Resource.Values("phoneNumbers"));
    }

    [Fact]
    public void Add_of_a_value_the_attribute_already_holds_is_a_no_op()
    {
        var result = ApplyToUser("""[ { "op": "add", "path": "emails", "value": [ { "value": "babs@jensen.org", "type": "home" } ] } ]""");

        Assert.Equal(["bjensen@example.com", "babs@jensen.org"], result.Resource.Values("emails"));
        Assert.Empty(result.ChangedAttributes);
    }

    [Fact]
    public void Add_of_a_value_differing_in_a_sub_attribute_is_a_new_value()
    {
        var result = ApplyToUser("""[ { "op": "add", "path": "emails", "value": [ { "value": "babs@jensen.org", "type": "other" } ] } ]""");

        Assert.Equal(3, result.Resource["emails"]!.AsArray().Count);
    }

    [Fact]
    public void Add_to_an_unassigned_multi_valued_attribute_creates_it()
    {
        var result = Apply(MinimalUser(), """[ { "op": "add", "path": "emails", "value": [ { "value": "m@example.com", "type": "work" } ] } ]""");

        Assert.Equal(["m@example.com"], result.Resource.Values("emails"));
    }

    [Fact]
    public void Replace_of_a_multi_valued_attribute_without_filter_replaces_all_values()
    {
        var result = ApplyToUser("""[ { "op": "replace", "path": "emails", "value": [ { "value": "only@example.com", "type": "work" } ] } ]""");

        Assert.Equal(["only@example.com"], result.Resource.Values("emails"));
    }

    [Fact]
    public void Replace_with_an_empty_array_unassigns_a_multi_valued_attribute()
    {
        var result = ApplyToUser("""[ { "op": "replace", "path": "phoneNumbers", "value": [] } ]""");

        Assert.False(result.Resource.ContainsKey("phoneNumbers"));
        Assert.Equal(["phoneNumbers"], result.ChangedAttributes);
    }

    [Fact]
    public void Add_of_an_empty_array_changes_nothing()
    {
        var result = ApplyToUser("""[ { "op": "add", "path": "phoneNumbers", "value": [] } ]""");

        Assert.Equal(["555-555-5555"], result.Resource.Values("phoneNumbers"));
        Assert.False(result.HasChanges);
    }

    [Fact]
    public void Remove_of_a_multi_valued_attribute_without_filter_removes_all_values()
    {
        var result = ApplyToUser("""[ { "op": "remove", "path": "emails" } ]""");

        Assert.False(result.Resource.ContainsKey("emails"));
    }

    [Fact]
    public void A_core_schema_urn_may_qualify_a_core_attribute()
    {
        var result = ApplyToUser($$"""[ { "op": "replace", "path": "{{ScimSchemaUrns.User}}:displayName", "value": "Qualified" } ]""");

        Assert.Equal("Qualified", (string?)result.Resource["displayName"]);
    }

    [Fact]
    public void Operations_apply_in_order()
    {
        var result = ApplyToUser("""
            [
              { "op": "replace", "path": "title", "value": "First" },
              { "op": "remove", "path": "title" },
              { "op": "add", "path": "title", "value": "Last" }
            ]
            """);

        Assert.Equal("Last", (string?)result.Resource["title"]);
    }

    [Fact]
    public void Setting_an_attribute_to_its_current_value_reports_no_change()
    {
        var result = ApplyToUser("""[ { "op": "replace", "path": "active", "value": true } ]""");

        Assert.Empty(result.ChangedAttributes);
    }

    [Fact]
    public void The_input_document_is_never_modified_and_the_result_is_a_separate_copy()
    {
        var user = User();

        var result = Apply(user, """[ { "op": "replace", "path": "displayName", "value": "Changed" } ]""");
        result.Resource["name"]!["givenName"] = "Mutated";

        Assert.Equal("Babs Jensen", (string?)user["displayName"]);
        Assert.Equal("Barbara", (string?)user["name"]!["givenName"]);
    }

    [Fact]
    public void A_request_can_be_applied_more_than_once()
    {
        var request = Core.Patch.PatchRequest.Parse(Message("""[ { "op": "add", "path": "emails", "value": [ { "value": "x@example.com" } ] } ]"""));

        var first = Core.Patch.PatchEngine.Apply(User(), request, UserType);
        var second = Core.Patch.PatchEngine.Apply(User(), request, UserType);

        Assert.True(JsonNode.DeepEquals(first.Resource, second.Resource));
    }
}
