using ScimFunctions.Core.Errors;
using static ScimFunctions.Core.Tests.Resources.ResourceTestData;

namespace ScimFunctions.Core.Tests.Resources;

public class MultiValuedAttributeTests
{
    [Fact]
    public void A_single_value_for_a_multi_valued_attribute_becomes_a_one_element_array()
    {
        var user = NormalizeUser(""" "emails": { "value": "a@example.com", "type": "work" } """);

        AssertJsonEqual("""[{ "value": "a@example.com", "type": "work" }]""", user["emails"]);
    }

    [Fact]
    public void Two_primary_values_are_invalid_value()
    {
        var error = AssertScimError(ScimType.InvalidValue, () => NormalizeUser("""
            "emails": [{ "value": "a@x", "primary": true }, { "value": "b@x", "primary": "True" }]
            """));

        Assert.Contains("emails", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void One_primary_value_and_explicit_false_values_are_fine()
    {
        var user = NormalizeUser(""" "phoneNumbers": [{ "value": "1", "primary": true }, { "value": "2", "primary": false }] """);

        Assert.Equal(2, user["phoneNumbers"]!.AsArray().Count);
    }

    [Fact]
    public void The_primary_rule_applies_to_addresses()
    {
        AssertScimError(ScimType.InvalidValue, () => NormalizeUser(""" "addresses": [{ "locality": "A", "primary": true }, { "locality": "B", "primary": true }] """));
    }

    [Theory]
    [InlineData(""" "emails": null """)]
    [InlineData(""" "emails": [] """)]
    [InlineData(""" "emails": [null] """)]
    [InlineData(""" "emails": [{}] """)]
    [InlineData(""" "emails": [{ "value": null, "type": null }] """)]
    [InlineData(""" "name": {} """)]
    [InlineData(""" "name": { "givenName": null } """)]
    [InlineData(""" "displayName": null """)]
    public void Null_empty_array_and_absent_are_the_same_state(string attributes)
    {
        var user = NormalizeUser(attributes);

        AssertJsonEqual($$"""{ "schemas": ["{{UserUrn}}"], "userName": "bjensen" }""", user);
    }

    [Fact]
    public void Null_elements_are_dropped_from_a_multi_valued_attribute()
    {
        var user = NormalizeUser(""" "emails": [null, { "value": "a@x" }, {}] """);

        AssertJsonEqual("""[{ "value": "a@x" }]""", user["emails"]);
    }

    [Fact]
    public void Nested_arrays_are_invalid_value()
    {
        AssertScimError(ScimType.InvalidValue, () => NormalizeUser(""" "emails": [[{ "value": "a@x" }]] """));
    }
}
