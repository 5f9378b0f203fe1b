using System.Text.Json.Nodes;
using ScimFunctions.Core.Errors;
using ScimFunctions.Core.Schemas;

// Not "...Tests.Schemas": that namespace would shadow ScimFunctions.Core.Schemas for "Schemas.X" references in sibling test folders.
namespace ScimFunctions.Core.Tests.SchemaModel;

public class SchemaJsonTests
{
    public static TheoryData<string> BuiltInSchemaIds => new(ScimSchemas.All.Select(schema => schema.Id));

    [Theory]
    [MemberData(nameof(BuiltInSchemaIds))]
    public void Built_in_schemas_round_trip_through_json(string id)
    {
        var schema = ScimSchemas.FindBuiltIn(id)!;

        var json = SchemaJson.ToJson(schema);
        var again = SchemaJson.ToJson(SchemaJson.FromJson(JsonNode.Parse(json.ToJsonString())));

        Assert.True(JsonNode.DeepEquals(json, again));
    }

    [Fact]
    public void An_attribute_is_written_with_every_characteristic_in_rfc_7643_spelling()
    {
        var json = SchemaJson.AttributeToJson(ScimSchemas.User.FindAttribute("userName")!);

        Assert.Equal("userName", (string?)json["name"]);
        Assert.Equal("string", (string?)json["type"]);
        Assert.False((bool)json["multiValued"]!);
        Assert.True((bool)json["required"]!);
        Assert.False((bool)json["caseExact"]!);
        Assert.Equal("readWrite", (string?)json["mutability"]);
        Assert.Equal("default", (string?)json["returned"]);
        Assert.Equal("server", (string?)json["uniqueness"]);
        Assert.False(json.ContainsKey("subAttributes"));
    }

    [Fact]
    public void Complex_attributes_carry_sub_attributes_and_references_their_types()
    {
        var json = SchemaJson.AttributeToJson(ScimSchemas.User.FindAttribute("groups")!);

        Assert.Equal("complex", (string?)json["type"]);
        Assert.Equal("readOnly", (string?)json["mutability"]);
        var reference = json["subAttributes"]!.AsArray().Single(sub => (string?)sub!["name"] == "$ref")!;
        Assert.Equal("reference", (string?)reference["type"]);
        Assert.Equal("""["User","Group"]""", reference["referenceTypes"]!.ToJsonString());
    }

    [Fact]
    public void The_schema_document_has_schemas_id_name_description_attributes_and_meta_when_located()
    {
        var json = SchemaJson.ToJson(ScimSchemas.Group, "https://x/Schemas/" + ScimSchemaUrns.Group);

        Assert.Equal($"""["{ScimSchemaUrns.Schema}"]""", json["schemas"]!.ToJsonString());
        Assert.Equal(ScimSchemaUrns.Group, (string?)json["id"]);
        Assert.Equal("Group", (string?)json["name"]);
        Assert.Equal("Schema", (string?)json["meta"]!["resourceType"]);
        Assert.Equal(2, json["attributes"]!.AsArray().Count);
        Assert.False(SchemaJson.ToJson(ScimSchemas.Group).ContainsKey("meta"));
    }

    [Fact]
    public void A_tenant_extension_is_read_with_rfc_defaults_for_omitted_characteristics()
    {
        var schema = SchemaJson.FromJson(JsonNode.Parse("""
            { "id": "urn:example:acme:2.0:User", "name": "Acme", "attributes": [
                { "name": "badge", "type": "String" },
                { "name": "site", "type": "complex", "multiValued": true, "required": true, "mutability": "IMMUTABLE", "returned": "request",
                  "subAttributes": [{ "name": "code", "type": "integer", "caseExact": true, "uniqueness": "global", "canonicalValues": ["1"] }] } ] }
            """));

        var badge = schema.FindAttribute("badge")!;
        var site = schema.FindAttribute("site")!;
        Assert.Equal((ScimAttributeType.String, false, false, false, Mutability.ReadWrite, Returned.Default, Uniqueness.None),
            (badge.Type, badge.MultiValued, badge.Required, badge.CaseExact, badge.Mutability, badge.Returned, badge.Uniqueness));
        Assert.Equal((true, true, Mutability.Immutable, Returned.Request), (site.MultiValued, site.Required, site.Mutability, site.Returned));
        var code = site.FindSubAttribute("code")!;
        Assert.Equal((ScimAttributeType.Integer, true, Uniqueness.Global), (code.Type, code.CaseExact, code.Uniqueness));
        Assert.Equal(["1"], code.CanonicalValues);
        Assert.Equal("", schema.Description);
    }

    [Theory]
    [InlineData("[]", "JSON object")]
    [InlineData("""{ "attributes": [] }""", "'id'")]
    [InlineData("""{ "id": "acme", "attributes": [] }""", "URN")]
    [InlineData("""{ "id": "urn:acme x", "attributes": [] }""", "URN")]
    [InlineData("""{ "id": 7, "attributes": [] }""", "'id'")]
    [InlineData("""{ "id": "urn:x:y" }""", "'attributes'")]
    [InlineData("""{ "id": "urn:x:y", "attributes": {} }""", "'attributes'")]
    [InlineData("""{ "id": "urn:x:y", "attributes": [42] }""", "attributes[0]")]
    [InlineData("""{ "id": "urn:x:y", "attributes": [{ "type": "string" }] }""", "'name'")]
    [InlineData("""{ "id": "urn:x:y", "attributes": [{ "name": "9lives", "type": "string" }] }""", "9lives")]
    [InlineData("""{ "id": "urn:x:y", "attributes": [{ "name": "a.b", "type": "string" }] }""", "a.b")]
    [InlineData("""{ "id": "urn:x:y", "attributes": [{ "name": "a" }] }""", "'type'")]
    [InlineData("""{ "id": "urn:x:y", "attributes": [{ "name": "a", "type": "text" }] }""", "dateTime")]
    [InlineData("""{ "id": "urn:x:y", "attributes": [{ "name": "a", "type": "string", "required": "yes" }] }""", "'required'")]
    [InlineData("""{ "id": "urn:x:y", "attributes": [{ "name": "a", "type": "string", "mutability": "sometimes" }] }""", "readWrite")]
    [InlineData("""{ "id": "urn:x:y", "attributes": [{ "name": "a", "type": "string", "returned": "maybe" }] }""", "'returned'")]
    [InlineData("""{ "id": "urn:x:y", "attributes": [{ "name": "a", "type": "string", "uniqueness": "tenant" }] }""", "'uniqueness'")]
    [InlineData("""{ "id": "urn:x:y", "attributes": [{ "name": "a", "type": "string", "canonicalValues": [1] }] }""", "'canonicalValues'")]
    [InlineData("""{ "id": "urn:x:y", "attributes": [{ "name": "a", "type": "reference", "referenceTypes": "User" }] }""", "'referenceTypes'")]
    [InlineData("""{ "id": "urn:x:y", "attributes": [{ "name": "a", "type": "string" }, { "name": "A", "type": "string" }] }""", "more than once")]
    [InlineData("""{ "id": "urn:x:y", "attributes": [{ "name": "a", "type": "complex" }] }""", "subAttributes")]
    [InlineData("""{ "id": "urn:x:y", "attributes": [{ "name": "a", "type": "complex", "subAttributes": [] }] }""", "subAttributes")]
    [InlineData("""{ "id": "urn:x:y", "attributes": [{ "name": "a", "type": "string", "subAttributes": [{ "name": "b", "type": "string" }] }] }""", "only complex")]
    [InlineData("""{ "id": "urn:x:y", "attributes": [{ "name": "a", "type": "complex", "subAttributes": [{ "name": "b", "type": "complex", "subAttributes": [{ "name": "c", "type": "string" }] }] }] }""", "cannot be complex")]
    public void A_malformed_schema_is_invalid_value_naming_the_problem(string json, string detailContains)
    {
        var error = Assert.Throws<ScimException>(() => SchemaJson.FromJson(JsonNode.Parse(json)));

        Assert.Equal((400, ScimType.InvalidValue), (error.Status, error.ScimType));
        Assert.Contains(detailContains, error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_schema_is_invalid_value()
    {
        var error = Assert.Throws<ScimException>(() => SchemaJson.FromJson(null));

        Assert.Equal(ScimType.InvalidValue, error.ScimType);
    }
}
