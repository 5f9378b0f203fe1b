using System.Text.Json.Nodes;
using ScimFunctions.Core.Errors;
using static ScimFunctions.Core.Tests.Patch.PatchTestData;

namespace ScimFunctions.Core.Tests.Patch;

/// <summary>Operations on the values a filter selects: <c>emails[type eq "work"]</c> and <c>emails[type eq "work"].value</c>.</summary>
public class ValueFilterPathTests
{
    [Fact]
    public void Replace_with_filter_and_sub_attribute_sets_it_on_matching_values_only()
    {
        var result = ApplyToUser("""[ { "op": "replace", "path": "emails[type eq \"work\"].value", "value": "babs@work.example" } ]""");

        Assert.Equal(["babs@work.example", "babs@jensen.org"], result.Resource.Values("emails"));
        Assert.Equal(["emails"], result.ChangedAttributes);
    }

    [Fact]
    public void Replace_with_filter_replaces_each_matching_value_whole()
    {
        var result = ApplyToUser("""[ { "op": "replace", "path": "emails[type eq \"home\"]", "value": { "value": "new@home.example", "type": "home" } } ]""");

        Assert.Equal("""[{"value":"bjensen@example.com","type":"work","primary":true},{"value":"new@home.example","type":"home"}]""", result.Resource["emails"]!.ToJsonString());
    }

    [Fact]
    public void Replace_with_a_filter_that_matches_nothing_is_noTarget()
    {
        var error = RejectsUser("""[ { "op": "replace", "path": "emails[type eq \"other\"].value", "value": "x@example.com" } ]""");

        Assert.Equal(ScimType.NoTarget, error.ScimType);
    }

    [Fact]
    public void Add_with_filter_and_sub_attribute_sets_it_on_matching_values()
    {
        var result = ApplyToUser("""[ { "op": "add", "path": "emails[type eq \"home\"].display", "value": "Home" } ]""");

        Assert.Equal("Home", (string?)result.Resource["emails"]![1]!["display"]);
        Assert.Null(result.Resource["emails"]![0]!["display"]);
    }

    [Fact]
    public void Add_with_filter_merges_the_value_into_matching_values()
    {
        var result = ApplyToUser("""[ { "op": "add", "path": "emails[type eq \"home\"]", "value": { "display": "Home" } } ]""");

        Assert.Equal("""{"value":"babs@jensen.org","type":"home","display":"Home"}""", result.Resource["emails"]![1]!.ToJsonString());
    }

    [Fact]
    public void Add_with_a_filter_that_matches_nothing_creates_the_value_from_the_filter_eq_terms()
    {
        var result = ApplyToUser("""[ { "op": "add", "path": "phoneNumbers[type eq \"mobile\"].value", "value": "555-0000" } ]""");

        Assert.Equal("""{"type":"mobile","value":"555-0000"}""", result.Resource["phoneNumbers"]![1]!.ToJsonString());
    }

    [Fact]
    public void Add_with_a_filter_that_matches_nothing_and_no_eq_terms_is_noTarget()
    {
        var error = RejectsUser("""[ { "op": "add", "path": "emails[value co \"@nowhere\"].display", "value": "X" } ]""");

        Assert.Equal(ScimType.NoTarget, error.ScimType);
    }

    [Fact]
    public void Add_with_an_or_filter_that_matches_nothing_is_noTarget()
    {
        var error = RejectsUser("""[ { "op": "add", "path": "emails[type eq \"a\" or type eq \"b\"].value", "value": "x@example.com" } ]""");

        Assert.Equal(ScimType.NoTarget, error.ScimType);
    }

    [Fact]
    public void Remove_with_filter_removes_only_matching_values()
    {
        var result = ApplyToUser("""[ { "op": "remove", "path": "emails[type eq \"work\"]" } ]""");

        Assert.Equal(["babs@jensen.org"], result.Resource.Values("emails"));
    }

    [Fact]
    public void Remove_with_filter_and_sub_attribute_removes_the_sub_attribute_of_matching_values()
    {
        var result = ApplyToUser("""[ { "op": "remove", "path": "emails[type eq \"work\"].primary" } ]""");

        Assert.Equal("""{"value":"bjensen@example.com","type":"work"}""", result.Resource["emails"]![0]!.ToJsonString());
    }

    [Fact]
    public void Remove_of_every_value_unassigns_the_attribute()
    {
        var result = ApplyToUser("""[ { "op": "remove", "path": "phoneNumbers[type eq \"work\"]" } ]""");

        Assert.False(result.Resource.ContainsKey("phoneNumbers"));
    }

    [Fact]
    public void Remove_with_a_filter_that_matches_nothing_is_a_no_op()
    {
        var result = ApplyToUser("""[ { "op": "remove", "path": "emails[type eq \"other\"]" } ]""");

        Assert.False(result.HasChanges);
    }

    [Fact]
    public void Filters_compare_case_insensitively_where_the_attribute_is_not_caseExact()
    {
        var result = ApplyToUser("""[ { "op": "remove", "path": "emails[value eq \"BJENSEN@EXAMPLE.COM\"]" } ]""");

        Assert.Equal(["babs@jensen.org"], result.Resource.Values("emails"));
    }

    [Fact]
    public void Filters_may_combine_terms_with_and()
    {
        var result = ApplyToUser("""[ { "op": "replace", "path": "emails[type eq \"work\" and primary eq true].display", "value": "Main" } ]""");

        Assert.Equal("Main", (string?)result.Resource["emails"]![0]!["display"]);
    }

    [Fact]
    public void Filter_attribute_names_are_case_insensitive()
    {
        var result = ApplyToUser("""[ { "op": "replace", "path": "EMAILS[TYPE eq \"work\"].VALUE", "value": "case@example.com" } ]""");

        Assert.Equal("case@example.com", result.Resource.Values("emails")[0]);
    }

    [Fact]
    public void A_malformed_filter_is_invalidFilter()
    {
        var error = RejectsUser("""[ { "op": "remove", "path": "emails[type eq work]" } ]""");

        Assert.Equal(ScimType.InvalidFilter, error.ScimType);
    }

    [Fact]
    public void A_filter_on_an_attribute_that_is_not_complex_is_invalidPath()
    {
        var error = RejectsUser("""[ { "op": "remove", "path": "userName[value eq \"x\"]" } ]""");

        Assert.Equal(ScimType.InvalidPath, error.ScimType);
    }

    [Fact]
    public void An_unknown_sub_attribute_after_the_filter_is_invalidPath()
    {
        var error = RejectsUser("""[ { "op": "replace", "path": "emails[type eq \"work\"].colour", "value": "red" } ]""");

        Assert.Equal(ScimType.InvalidPath, error.ScimType);
    }

    [Fact]
    public void A_single_valued_complex_attribute_can_be_filtered_too()
    {
        var result = ApplyToUser("""[ { "op": "replace", "path": "name[familyName eq \"Jensen\"].givenName", "value": "Babs" } ]""");

        Assert.Equal("Babs", (string?)result.Resource["name"]!["givenName"]);
    }

    [Fact]
    public void A_typed_filter_selects_by_boolean()
    {
        var result = ApplyToUser("""[ { "op": "remove", "path": "emails[primary eq true]" } ]""");

        Assert.Equal(["babs@jensen.org"], result.Resource.Values("emails"));
    }

    [Fact]
    public void The_filtered_value_is_normalized_like_any_other()
    {
        var result = ApplyToUser("""[ { "op": "replace", "path": "emails[type eq \"home\"]", "value": { "Value": "n@home.example", "Type": "home", "Primary": "False" } } ]""");

        Assert.Equal("""{"value":"n@home.example","type":"home","primary":false}""", result.Resource["emails"]![1]!.ToJsonString());
        Assert.IsType<JsonObject>(result.Resource["emails"]![1]);
    }
}
