using static ScimFunctions.Core.Tests.Patch.PatchTestData;

namespace ScimFunctions.Core.Tests.Patch;

/// <summary>Operations whose path names a sub-attribute without a value filter (<c>name.givenName</c>).</summary>
public class SubAttributePathTests
{
    [Fact]
    public void Replace_of_a_sub_attribute_sets_only_it()
    {
        var result = ApplyToUser("""[ { "op": "replace", "path": "name.givenName", "value": "Babs" } ]""");

        Assert.Equal("""{"givenName":"Babs","familyName":"Jensen","formatted":"Ms. Barbara J Jensen III"}""", result.Resource["name"]!.ToJsonString());
        Assert.Equal(["name"], result.ChangedAttributes);
    }

    [Fact]
    public void Add_of_a_sub_attribute_creates_the_complex_attribute_when_unassigned()
    {
        var result = Apply(MinimalUser(), """[ { "op": "add", "path": "name.familyName", "value": "Minimal" } ]""");

        Assert.Equal("""{"familyName":"Minimal"}""", result.Resource["name"]!.ToJsonString());
    }

    [Fact]
    public void Sub_attribute_names_are_case_insensitive_and_stored_canonically()
    {
        var result = ApplyToUser("""[ { "op": "replace", "path": "Name.GIVENNAME", "value": "Babs" } ]""");

        Assert.Equal("Babs", (string?)result.Resource["name"]!["givenName"]);
    }

    [Fact]
    public void Remove_of_a_sub_attribute_leaves_the_others()
    {
        var result = ApplyToUser("""[ { "op": "remove", "path": "name.formatted" } ]""");

        Assert.Equal("""{"givenName":"Barbara","familyName":"Jensen"}""", result.Resource["name"]!.ToJsonString());
    }

    [Fact]
    public void Removing_the_last_sub_attribute_unassigns_the_complex_attribute()
    {
        var user = MinimalUser();
        user["name"] = new System.Text.Json.Nodes.JsonObject { ["givenName"] = "Only" };

        var result = Apply(user, """[ { "op": "remove", "path": "name.givenName" } ]""");

        Assert.False(result.Resource.ContainsKey("name"));
    }

    [Fact]
    public void A_sub_attribute_of_a_multi_valued_attribute_without_filter_applies_to_every_value()
    {
        var result = ApplyToUser("""[ { "op": "replace", "path": "emails.display", "value": "Barbara" } ]""");

        Assert.All(result.Resource["emails"]!.AsArray(), email => Assert.Equal("Barbara", (string?)email!["display"]));
    }

    [Fact]
    public void Remove_of_a_sub_attribute_of_a_multi_valued_attribute_removes_it_from_every_value()
    {
        var result = ApplyToUser("""[ { "op": "remove", "path": "emails.type" } ]""");

        Assert.All(result.Resource["emails"]!.AsArray(), email => Assert.Null(email!["type"]));
        Assert.Equal(2, result.Resource["emails"]!.AsArray().Count);
    }
}
