using ScimFunctions.Core.Errors;
using ScimFunctions.Core.Patch;
using static ScimFunctions.Core.Tests.Patch.PatchTestData;

namespace ScimFunctions.Core.Tests.Patch;

/// <summary>add / replace without a path: the value is an object of attributes (RFC 7644 §3.5.2.1, §3.5.2.3).</summary>
public class PathlessOperationTests
{
    [Fact]
    public void Replace_without_path_sets_each_attribute_of_the_value()
    {
        var result = ApplyToUser("""[ { "op": "replace", "value": { "displayName": "B", "title": "Tour Guide" } } ]""");

        Assert.Equal("B", (string?)result.Resource["displayName"]);
        Assert.Equal("Tour Guide", (string?)result.Resource["title"]);
        Assert.Equal(["displayName", "title"], result.ChangedAttributes);
    }

    [Fact]
    public void Keys_may_be_dotted_sub_attribute_paths()
    {
        var result = ApplyToUser("""[ { "op": "replace", "value": { "name.givenName": "Babs", "name.familyName": "J" } } ]""");

        Assert.Equal("""{"givenName":"Babs","familyName":"J","formatted":"Ms. Barbara J Jensen III"}""", result.Resource["name"]!.ToJsonString());
    }

    [Fact]
    public void Keys_may_be_urn_qualified_extension_attributes()
    {
        var result = ApplyToUser($$"""[ { "op": "replace", "value": { "{{Enterprise}}:employeeNumber": "7", "{{Enterprise}}:manager.value": "m-9" } } ]""");

        Assert.Equal("7", (string?)result.Resource.EnterpriseValue("employeeNumber"));
        Assert.Equal("m-9", (string?)result.Resource.EnterpriseValue("manager")!["value"]);
    }

    [Fact]
    public void A_key_that_is_a_schema_urn_holds_that_schemas_attributes()
    {
        var result = ApplyToUser($$"""[ { "op": "replace", "value": { "{{Enterprise}}": { "department": "Sales", "manager": { "value": "m-5" } } } } ]""");

        Assert.Equal("Sales", (string?)result.Resource.EnterpriseValue("department"));
        Assert.Equal("m-5", (string?)result.Resource.EnterpriseValue("manager")!["value"]);
        Assert.Equal("701984", (string?)result.Resource.EnterpriseValue("employeeNumber"));
    }

    [Fact]
    public void Add_without_path_appends_to_multi_valued_attributes()
    {
        var result = ApplyToUser("""[ { "op": "add", "value": { "emails": [ { "value": "third@example.com", "type": "other" } ], "nickName": "Babs" } } ]""");

        Assert.Equal(3, result.Resource["emails"]!.AsArray().Count);
        Assert.Equal("Babs", (string?)result.Resource["nickName"]);
    }

    [Fact]
    public void Replace_without_path_replaces_multi_valued_attributes_whole()
    {
        var result = ApplyToUser("""[ { "op": "replace", "value": { "emails": [ { "value": "only@example.com" } ] } } ]""");

        Assert.Equal(["only@example.com"], result.Resource.Values("emails"));
    }

    [Fact]
    public void Schemas_in_the_value_is_ignored()
    {
        var result = ApplyToUser("""[ { "op": "replace", "value": { "schemas": ["urn:whatever"], "title": "T" } } ]""");

        Assert.Equal("T", (string?)result.Resource["title"]);
        Assert.Equal(User()["schemas"]!.ToJsonString(), result.Resource["schemas"]!.ToJsonString());
    }

    [Fact]
    public void Unknown_keys_are_ignored_by_default()
    {
        var result = ApplyToUser("""[ { "op": "replace", "value": { "favouriteColour": "teal", "title": "T" } } ]""");

        Assert.False(result.Resource.ContainsKey("favouriteColour"));
        Assert.Equal("T", (string?)result.Resource["title"]);
    }

    [Fact]
    public void Unknown_keys_are_invalidPath_when_the_tenant_rejects_unknown_attributes()
    {
        var options = new PatchOptions { Compatibility = CompatibilityOptions.Default with { UnknownAttributes = UnknownAttributePolicy.Reject } };

        var error = RejectsUser("""[ { "op": "replace", "value": { "title": "T", "favouriteColour": "teal" } } ]""", options);

        Assert.Equal(ScimType.InvalidPath, error.ScimType);
    }

    [Fact]
    public void Key_names_are_case_insensitive()
    {
        var result = ApplyToUser("""[ { "op": "replace", "value": { "DisplayName": "Cased", "NAME.givenname": "G" } } ]""");

        Assert.Equal("Cased", (string?)result.Resource["displayName"]);
        Assert.Equal("G", (string?)result.Resource["name"]!["givenName"]);
    }

    [Fact]
    public void A_bad_value_for_one_key_is_invalidValue_and_nothing_changes()
    {
        var error = RejectsUser("""[ { "op": "replace", "value": { "title": "T", "active": "maybe" } } ]""");

        Assert.Equal(ScimType.InvalidValue, error.ScimType);
    }
}
