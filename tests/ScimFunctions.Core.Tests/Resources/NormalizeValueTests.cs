using System.Text.Json.Nodes;
using ScimFunctions.Core.Errors;
using ScimFunctions.Core.Resources;
using ScimFunctions.Core.Schemas;
using static ScimFunctions.Core.Tests.Resources.ResourceTestData;

namespace ScimFunctions.Core.Tests.Resources;

public class NormalizeValueTests
{
    private static readonly CompatibilityOptions _lenient = CompatibilityOptions.Default;

    [Fact]
    public void A_patch_value_for_active_given_as_an_entra_string_is_coerced()
    {
        var value = ResourceValidator.NormalizeValue(JsonValue.Create("False"), ScimSchemas.User.FindAttribute("active")!, _lenient, "active");

        Assert.False(value!.GetValue<bool>());
    }

    [Fact]
    public void A_single_element_of_a_multi_valued_attribute_is_normalized_as_an_object()
    {
        var value = ResourceValidator.NormalizeValue(Json("""{ "VALUE": "a@x", "Type": "Work", "primary": "true" }"""), Emails, _lenient, "emails", asSingleElement: true);

        AssertJsonEqual("""{ "value": "a@x", "type": "work", "primary": true }""", value);
    }

    [Fact]
    public void The_whole_multi_valued_value_is_an_array()
    {
        var value = ResourceValidator.NormalizeValue(JsonNode.Parse("""[{ "value": "a@x" }]"""), Emails, _lenient, "emails");

        AssertJsonEqual("""[{ "value": "a@x" }]""", value);
    }

    [Fact]
    public void Entra_manager_given_as_a_one_element_array_is_the_single_complex_value()
    {
        var manager = ScimSchemas.EnterpriseUser.FindAttribute("manager")!;

        var value = ResourceValidator.NormalizeValue(JsonNode.Parse("""[{ "$ref": null, "value": "m1" }]"""), manager, _lenient, "manager");

        AssertJsonEqual("""{ "value": "m1" }""", value);
    }

    [Fact]
    public void Several_values_for_a_single_valued_attribute_are_invalid_value()
    {
        AssertScimError(ScimType.InvalidValue, () => ResourceValidator.NormalizeValue(JsonNode.Parse("""["a", "b"]"""), DisplayName, _lenient, "displayName"));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("[null]")]
    public void Absent_values_normalize_to_null(string json)
    {
        Assert.Null(ResourceValidator.NormalizeValue(JsonNode.Parse(json), ScimSchemas.User.FindAttribute("name")!, _lenient, "name"));
    }

    [Fact]
    public void The_error_names_the_path_given_by_the_caller()
    {
        var error = AssertScimError(ScimType.InvalidValue, () => ResourceValidator.NormalizeValue(JsonValue.Create("maybe"), ScimSchemas.User.FindAttribute("active")!, _lenient, "urn:x:active"));

        Assert.Contains("urn:x:active", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void The_input_node_is_neither_modified_nor_adopted()
    {
        var input = Json("""{ "value": "a@x", "type": "Work" }""");
        var holder = new JsonArray(input);

        var value = ResourceValidator.NormalizeValue(input, Emails, _lenient, "emails", asSingleElement: true);
        var elsewhere = new JsonObject { ["copy"] = value };

        Assert.Same(elsewhere, value!.Parent);
        Assert.Same(holder, input.Parent);
        Assert.Equal("Work", (string?)input["type"]);
    }

    private static AttributeDefinition Emails => ScimSchemas.User.FindAttribute("emails")!;

    private static AttributeDefinition DisplayName => ScimSchemas.User.FindAttribute("displayName")!;
}
