using System.Text.Json.Nodes;
using ScimFunctions.Core.Errors;
using ScimFunctions.Core.Resources;
using static ScimFunctions.Core.Tests.Resources.ResourceTestData;

namespace ScimFunctions.Core.Tests.Resources;

public class NormalizeSchemasTests
{
    [Fact]
    public void A_body_without_schemas_is_invalid_syntax()
    {
        var error = AssertScimError(ScimType.InvalidSyntax, () => ResourceValidator.Normalize(Json("""{ "userName": "bjensen" }"""), UserType));

        Assert.Contains(UserUrn, error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"schemas\": \"urn:ietf:params:scim:schemas:core:2.0:User\"")]
    [InlineData("\"schemas\": [42]")]
    [InlineData("\"schemas\": null")]
    [InlineData("\"schemas\": []")]
    [InlineData("\"schemas\": [\"urn:ietf:params:scim:schemas:core:2.0:Group\"]")]
    [InlineData("\"schemas\": [\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\"]")]
    public void Schemas_must_be_an_array_of_urns_listing_the_core_schema(string schemas)
    {
        AssertScimError(ScimType.InvalidSyntax, () => ResourceValidator.Normalize(Json($$"""{ {{schemas}}, "userName": "bjensen" }"""), UserType));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("null")]
    public void A_body_that_is_not_an_object_is_invalid_syntax(string body)
    {
        AssertScimError(ScimType.InvalidSyntax, () => ResourceValidator.Normalize(JsonNode.Parse(body), UserType));
    }

    [Fact]
    public void The_core_schema_urn_is_matched_case_insensitively_and_written_canonically()
    {
        var user = ResourceValidator.Normalize(Json("""{ "schemas": ["URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER"], "userName": "bjensen" }"""), UserType);

        AssertJsonEqual($$"""["{{UserUrn}}"]""", user["schemas"]);
    }

    [Fact]
    public void An_unknown_schema_urn_is_dropped_when_unknown_attributes_are_ignored()
    {
        var user = ResourceValidator.Normalize(
            Json($$"""{ "schemas": ["{{UserUrn}}", "urn:example:custom:2.0:User"], "userName": "bjensen", "urn:example:custom:2.0:User": { "badge": "7" } }"""),
            UserType);

        AssertJsonEqual($$"""{ "schemas": ["{{UserUrn}}"], "userName": "bjensen" }""", user);
    }

    [Fact]
    public void An_unknown_schema_urn_is_invalid_syntax_when_unknown_attributes_are_rejected()
    {
        var error = AssertScimError(
            ScimType.InvalidSyntax,
            () => ResourceValidator.Normalize(Json($$"""{ "schemas": ["{{UserUrn}}", "urn:example:custom:2.0:User"], "userName": "bjensen" }"""), UserType, RejectUnknown));

        Assert.Contains("urn:example:custom:2.0:User", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void The_output_lists_the_extensions_that_carry_attributes_even_when_the_client_did_not()
    {
        var user = NormalizeUser($$""" "{{EnterpriseUrn}}": { "department": "Tours" } """);

        AssertJsonEqual($$"""["{{UserUrn}}", "{{EnterpriseUrn}}"]""", user["schemas"]);
    }

    [Fact]
    public void An_extension_listed_without_attributes_is_not_listed_in_the_output()
    {
        var user = ResourceValidator.Normalize(Json($$"""{ "schemas": ["{{UserUrn}}", "{{EnterpriseUrn}}"], "userName": "bjensen", "{{EnterpriseUrn}}": { "department": null } }"""), UserType);

        AssertJsonEqual($$"""{ "schemas": ["{{UserUrn}}"], "userName": "bjensen" }""", user);
    }
}
