using System.Text.Json.Nodes;
using ScimFunctions.Core.Errors;
using ScimFunctions.Core.Resources;
using ScimFunctions.Core.Schemas;
using static ScimFunctions.Core.Tests.Resources.ResourceTestData;

namespace ScimFunctions.Core.Tests.Resources;

public class TypeCoercionTests
{
    private static readonly ResourceTypeDefinition _badgeUserType = ScimSchemas.UserResourceType([new SchemaExtension(TenantSchemas.Badge, Required: false)]);

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("\"True\"", true)]
    [InlineData("\"False\"", false)]
    [InlineData("\"TRUE\"", true)]
    [InlineData("\"false\"", false)]
    public void Booleans_accept_json_booleans_and_entra_boolean_strings(string value, bool expected)
    {
        var user = NormalizeUser($$""" "active": {{value}} """);

        Assert.Equal(expected, user["active"]!.GetValue<bool>());
    }

    [Fact]
    public void A_primary_boolean_string_inside_a_multi_valued_attribute_is_coerced()
    {
        var user = NormalizeUser(""" "emails": [{ "value": "a@x", "primary": "True" }] """);

        Assert.True(user["emails"]![0]!["primary"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("\"True\"")]
    [InlineData("\"yes\"")]
    [InlineData("1")]
    [InlineData("{}")]
    public void Boolean_strings_are_rejected_when_the_tenant_turns_them_off(string value)
    {
        var error = AssertScimError(ScimType.InvalidValue, () => NormalizeUser($$""" "active": {{value}} """, Strict));

        Assert.Contains("active", error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"yes\"")]
    [InlineData("\"1\"")]
    [InlineData("0")]
    [InlineData("[true, false]")]
    public void Values_that_are_not_booleans_are_invalid_value_even_when_lenient(string value)
    {
        AssertScimError(ScimType.InvalidValue, () => NormalizeUser($$""" "active": {{value}} """));
    }

    [Theory]
    [InlineData("3", 3)]
    [InlineData("\"3\"", 3)]
    [InlineData("-12", -12)]
    [InlineData("4.0", 4)]
    public void Integers_accept_integral_numbers_and_numeric_strings(string value, long expected)
    {
        var user = NormalizeBadge($$""" "floor": {{value}} """);

        Assert.Equal(expected, user[TenantSchemas.BadgeUrn]!["floor"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("3.5")]
    [InlineData("\"three\"")]
    [InlineData("true")]
    [InlineData("1e400")]
    public void Values_that_are_not_integers_are_invalid_value(string value)
    {
        var error = AssertScimError(ScimType.InvalidValue, () => NormalizeBadge($$""" "floor": {{value}} """));

        Assert.Contains("floor", error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2.5", "2.5")]
    [InlineData("\"2.75\"", "2.75")]
    [InlineData("7", "7")]
    public void Decimals_accept_numbers_and_numeric_strings(string value, string expected)
    {
        var user = NormalizeBadge($$""" "clearance": {{value}} """);

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), user[TenantSchemas.BadgeUrn]!["clearance"]!.GetValue<decimal>());
    }

    [Theory]
    [InlineData("\"high\"")]
    [InlineData("false")]
    public void Values_that_are_not_decimals_are_invalid_value(string value)
    {
        AssertScimError(ScimType.InvalidValue, () => NormalizeBadge($$""" "clearance": {{value}} """));
    }

    [Theory]
    [InlineData("2024-05-01T12:00:00Z")]
    [InlineData("2024-05-01T12:00:00.1234567+02:00")]
    [InlineData("2024-05-01T12:00:00")]
    public void Date_times_must_be_xsd_date_times_and_are_kept_as_written(string value)
    {
        var user = NormalizeBadge($$""" "issued": "{{value}}" """);

        Assert.Equal(value, (string?)user[TenantSchemas.BadgeUrn]!["issued"]);
    }

    [Theory]
    [InlineData("\"yesterday\"")]
    [InlineData("\"05/01/2024\"")]
    [InlineData("\"2024-13-01T00:00:00Z\"")]
    [InlineData("1714564800")]
    public void Values_that_are_not_date_times_are_invalid_value(string value)
    {
        AssertScimError(ScimType.InvalidValue, () => NormalizeBadge($$""" "issued": {{value}} """));
    }

    [Fact]
    public void Binary_values_must_be_base64()
    {
        var user = NormalizeUser(""" "x509Certificates": [{ "value": "MIIDQzCCAqygAwIBAgICEAAwDQYJKoZIhvcNAQEFBQAw" }] """);

        Assert.Equal("MIIDQzCCAqygAwIBAgICEAAwDQYJKoZIhvcNAQEFBQAw", (string?)user["x509Certificates"]![0]!["value"]);
        AssertScimError(ScimType.InvalidValue, () => NormalizeUser(""" "x509Certificates": [{ "value": "not base64!" }] """));
    }

    [Fact]
    public void A_json_number_for_a_string_attribute_is_kept_as_its_text()
    {
        var user = NormalizeUser($$""" "{{EnterpriseUrn}}": { "employeeNumber": 701984 } """);

        Assert.Equal("701984", user[EnterpriseUrn]!["employeeNumber"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("true")]
    [InlineData("{ \"value\": \"x\" }")]
    [InlineData("[\"a\", \"b\"]")]
    public void A_string_attribute_rejects_booleans_objects_and_several_values(string value)
    {
        AssertScimError(ScimType.InvalidValue, () => NormalizeUser($$""" "displayName": {{value}} """));
    }

    [Fact]
    public void A_reference_must_be_a_string()
    {
        AssertScimError(ScimType.InvalidValue, () => NormalizeUser(""" "profileUrl": 42 """));
    }

    [Theory]
    [InlineData("\"Barbara\"")]
    [InlineData("42")]
    [InlineData("true")]
    public void A_complex_attribute_must_be_an_object(string value)
    {
        var error = AssertScimError(ScimType.InvalidValue, () => NormalizeUser($$""" "name": {{value}} """));

        Assert.Contains("complex", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_complex_element_of_a_multi_valued_attribute_must_be_an_object()
    {
        AssertScimError(ScimType.InvalidValue, () => NormalizeUser(""" "emails": ["a@example.com"] """));
    }

    [Fact]
    public void Normalization_does_not_modify_the_input()
    {
        var body = UserBody(""" "active": "True", "id": "x" """);
        var before = body.ToJsonString();

        ResourceValidator.Normalize(body, UserType);

        Assert.Equal(before, body.ToJsonString());
    }

    private static JsonObject NormalizeBadge(string attributes) =>
        ResourceValidator.Normalize(UserBody($$""" "{{TenantSchemas.BadgeUrn}}": { "badgeNumber": "B1", {{attributes}} } """), _badgeUserType);
}
