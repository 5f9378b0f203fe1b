using System.Text.Json.Nodes;
using ScimFunctions.Core.Errors;
using ScimFunctions.Core.Patch;
using ScimFunctions.Core.Values;

namespace ScimFunctions.Core.Tests.Patch;

public class PatchRequestParsingTests
{
    private static ScimException ParseFails(string body, CompatibilityOptions? options = null)
    {
        var error = Assert.Throws<ScimException>(() => PatchRequest.Parse(JsonNode.Parse(body), options));
        Assert.Equal(400, error.Status);
        return error;
    }

    private static PatchRequest Parse(string operations, CompatibilityOptions? options = null) =>
        PatchRequest.Parse(PatchTestData.Message(operations), options);

    [Fact]
    public void A_message_with_the_PatchOp_schema_and_operations_parses_in_order()
    {
        var request = Parse("""
            [
              { "op": "add", "path": "nickName", "value": "Babs" },
              { "op": "remove", "path": "title" },
              { "op": "replace", "value": { "active": false } }
            ]
            """);

        Assert.Equal([PatchOperationType.Add, PatchOperationType.Remove, PatchOperationType.Replace], request.Operations.Select(op => op.Op));
        Assert.Equal(["nickName", "title", null], request.Operations.Select(op => op.Path));
        Assert.Equal("Babs", (string?)request.Operations[0].Value);
        Assert.Null(request.Operations[1].Value);
    }

    [Theory]
    [InlineData("""{ "Operations": [ { "op": "remove", "path": "title" } ] }""")]
    [InlineData("""{ "schemas": "urn:ietf:params:scim:api:messages:2.0:PatchOp", "Operations": [ { "op": "remove", "path": "title" } ] }""")]
    [InlineData("""{ "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "Operations": [ { "op": "remove", "path": "title" } ] }""")]
    public void A_message_without_the_PatchOp_schema_is_invalidSyntax(string body)
    {
        Assert.Equal(ScimType.InvalidSyntax, ParseFails(body).ScimType);
    }

    [Theory]
    [InlineData("""{ "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"] }""")]
    [InlineData("""{ "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [] }""")]
    [InlineData("""{ "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": { "op": "add" } }""")]
    [InlineData("""{ "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [ "add" ] }""")]
    [InlineData("""[ { "op": "add", "path": "title", "value": "x" } ]""")]
    [InlineData("\"PatchOp\"")]
    public void A_message_without_a_non_empty_Operations_array_of_objects_is_invalidSyntax(string body)
    {
        Assert.Equal(ScimType.InvalidSyntax, ParseFails(body).ScimType);
    }

    [Fact]
    public void A_null_body_is_invalidSyntax()
    {
        Assert.Equal(ScimType.InvalidSyntax, Assert.Throws<ScimException>(() => PatchRequest.Parse(null)).ScimType);
    }

    [Fact]
    public void Message_member_names_and_the_schema_urn_are_case_insensitive()
    {
        var request = PatchRequest.Parse(JsonNode.Parse("""
            { "Schemas": ["URN:ietf:params:scim:api:messages:2.0:patchop"], "operations": [ { "OP": "add", "Path": "title", "Value": "Boss" } ] }
            """));

        var operation = Assert.Single(request.Operations);
        Assert.Equal(new PatchOperation(PatchOperationType.Add, "title", operation.Value), operation);
        Assert.Equal("Boss", (string?)operation.Value);
    }

    [Theory]
    [InlineData("Add", PatchOperationType.Add)]
    [InlineData("Replace", PatchOperationType.Replace)]
    [InlineData("REMOVE", PatchOperationType.Remove)]
    public void Capitalised_op_names_are_accepted_by_default_as_Entra_sends_them(string op, PatchOperationType expected)
    {
        var request = Parse($$"""[ { "op": "{{op}}", "path": "title", "value": "x" } ]""");

        Assert.Equal(expected, request.Operations[0].Op);
    }

    [Fact]
    public void Capitalised_op_names_are_invalidSyntax_for_a_strict_tenant()
    {
        var strict = CompatibilityOptions.Default with { CaseInsensitivePatchOps = false };

        var error = Assert.Throws<ScimException>(() => Parse("""[ { "op": "Replace", "path": "title", "value": "x" } ]""", strict));

        Assert.Equal(ScimType.InvalidSyntax, error.ScimType);
        Assert.Equal(PatchOperationType.Replace, Parse("""[ { "op": "replace", "path": "title", "value": "x" } ]""", strict).Operations[0].Op);
    }

    [Theory]
    [InlineData("""{ "path": "title", "value": "x" }""")]
    [InlineData("""{ "op": "move", "path": "title", "value": "x" }""")]
    [InlineData("""{ "op": 1, "path": "title", "value": "x" }""")]
    [InlineData("""{ "op": null, "path": "title" }""")]
    public void A_missing_or_unknown_op_is_invalidSyntax(string operation)
    {
        var error = Assert.Throws<ScimException>(() => Parse("[" + operation + "]"));

        Assert.Equal(ScimType.InvalidSyntax, error.ScimType);
        Assert.StartsWith("Operations[0]", error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "op": "remove" }""")]
    [InlineData("""{ "op": "remove", "path": "" }""")]
    [InlineData("""{ "op": "remove", "path": "  " }""")]
    [InlineData("""{ "op": "remove", "path": null, "value": { "title": "x" } }""")]
    public void Remove_without_a_path_is_noTarget(string operation)
    {
        var error = Assert.Throws<ScimException>(() => Parse("[" + operation + "]"));

        Assert.Equal(ScimType.NoTarget, error.ScimType);
    }

    [Theory]
    [InlineData("""{ "op": "add", "path": "title" }""")]
    [InlineData("""{ "op": "replace", "path": "title", "value": null }""")]
    [InlineData("""{ "op": "add" }""")]
    public void Add_and_replace_without_a_value_are_invalidSyntax(string operation)
    {
        var error = Assert.Throws<ScimException>(() => Parse("[" + operation + "]"));

        Assert.Equal(ScimType.InvalidSyntax, error.ScimType);
    }

    [Theory]
    [InlineData("""{ "op": "replace", "value": "x" }""")]
    [InlineData("""{ "op": "add", "value": [ { "title": "x" } ] }""")]
    public void Add_and_replace_without_a_path_need_an_object_value(string operation)
    {
        var error = Assert.Throws<ScimException>(() => Parse("[" + operation + "]"));

        Assert.Equal(ScimType.InvalidSyntax, error.ScimType);
    }

    [Fact]
    public void A_path_that_is_not_a_string_is_invalidSyntax()
    {
        var error = Assert.Throws<ScimException>(() => Parse("""[ { "op": "remove", "path": ["title"] } ]"""));

        Assert.Equal(ScimType.InvalidSyntax, error.ScimType);
    }

    [Fact]
    public void The_error_names_the_failing_operation_by_index()
    {
        var error = Assert.Throws<ScimException>(() => Parse("""[ { "op": "add", "path": "title", "value": "x" }, { "op": "add", "path": "title" } ]"""));

        Assert.StartsWith("Operations[1]", error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "schemas": [], "Operations": [ { "op": "remove", "path": "title" } ] }""")]
    [InlineData("""{ "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [ { "op": "add", "path": "name", "value": { "givenName": "a", "givenName": "b" } } ] }""")]
    public void A_body_repeating_a_member_name_is_invalidSyntax_when_read(string body)
    {
        // Every request body is read by StrictJson, which refuses repeated names before a PatchOp is parsed.
        var error = Assert.Throws<ScimException>(() => PatchRequest.Parse(StrictJson.Parse(System.Text.Encoding.UTF8.GetBytes(body), 64)));

        Assert.Equal(ScimType.InvalidSyntax, error.ScimType);
    }
}
