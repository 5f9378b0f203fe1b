using System.Text.Json.Nodes;
using ScimFunctions.Core.Errors;
using ScimFunctions.Core.Paging;
using ScimFunctions.Core.Patch;
using ScimFunctions.Core.Resources;
using ScimFunctions.Core.Schemas;

namespace ScimFunctions.Core.Tests.Resources;

/// <summary>
/// returned:never values (the User's password, and such attributes of tenant extension schemas) are taken out of
/// documents before they are stored, and no filter or sortBy can name them.
/// </summary>
public class NeverReturnedValuesTests
{
    private const string VaultUrn = "urn:example:params:scim:schemas:extension:vault:2.0:User";
    private const string UserUrn = "urn:ietf:params:scim:schemas:core:2.0:User";

    private static readonly SchemaDefinition s_vault = SchemaJson.FromJson(JsonNode.Parse($$"""
        {
          "id": "{{VaultUrn}}",
          "name": "Vault",
          "attributes": [
            { "name": "pin", "type": "string", "required": true, "mutability": "writeOnly", "returned": "never" },
            { "name": "hint", "type": "string" },
            { "name": "credentials", "type": "complex", "multiValued": true, "subAttributes": [
                { "name": "label", "type": "string" },
                { "name": "secret", "type": "string", "mutability": "writeOnly", "returned": "never" }
            ] },
            { "name": "recovery", "type": "complex", "subAttributes": [
                { "name": "value", "type": "string", "mutability": "writeOnly", "returned": "never" },
                { "name": "channel", "type": "string" }
            ] }
          ]
        }
        """));

    private static readonly ResourceTypeDefinition s_users = ScimSchemas.UserResourceType([new SchemaExtension(s_vault, Required: false)]);

    [Fact]
    public void Strip_removes_the_password_of_a_normalized_user_and_names_it()
    {
        var document = Normalize("""{ "userName": "ada", "password": "NewSecret99", "displayName": "Ada" }""");

        var removed = NeverReturnedValues.Strip(document, s_users);

        Assert.Equal(["password"], removed);
        Assert.False(document.ContainsKey("password"));
        Assert.Equal("Ada", (string?)document["displayName"]);
        Assert.DoesNotContain("NewSecret99", document.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Strip_removes_extension_attributes_and_sub_attributes_and_what_they_leave_empty()
    {
        var document = Normalize($$"""
            {
              "userName": "ada",
              "{{VaultUrn}}": {
                "pin": "1234",
                "credentials": [ { "label": "laptop", "secret": "s1" }, { "secret": "s2" } ],
                "recovery": { "value": "r1" }
              }
            }
            """);

        var removed = NeverReturnedValues.Strip(document, s_users);

        Assert.Equal([$"{VaultUrn}:credentials.secret", $"{VaultUrn}:pin", $"{VaultUrn}:recovery.value"], removed.Order(StringComparer.Ordinal));
        var vault = document[VaultUrn]!.AsObject();
        Assert.Equal("""[{"label":"laptop"}]""", vault["credentials"]!.ToJsonString());
        Assert.False(vault.ContainsKey("pin"));
        Assert.False(vault.ContainsKey("recovery"));
        foreach (var secret in new[] { "1234", "s1", "s2", "r1" })
        {
            Assert.DoesNotContain($"\"{secret}\"", document.ToJsonString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_extension_holding_only_never_returned_values_leaves_the_document_and_its_schemas()
    {
        var document = Normalize($$"""{ "userName": "ada", "{{VaultUrn}}": { "pin": "1234" } }""");

        NeverReturnedValues.Strip(document, s_users);

        Assert.False(document.ContainsKey(VaultUrn));
        Assert.Equal([UserUrn], document["schemas"]!.AsArray().Select(s => (string?)s));
    }

    [Fact]
    public void Find_names_the_stored_secrets_without_changing_the_document()
    {
        var document = JsonNode.Parse("""{ "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "id": "x", "userName": "ada", "password": "NewSecret99" }""")!.AsObject();
        var before = document.ToJsonString();

        Assert.Equal(["password"], NeverReturnedValues.Find(document, s_users));
        Assert.Equal(before, document.ToJsonString());
        Assert.Empty(NeverReturnedValues.Find(Normalize("""{ "userName": "ada" }"""), s_users));
    }

    [Theory]
    [InlineData("""{ "op": "add", "path": "password", "value": "NewSecret99" }""")]
    [InlineData("""{ "op": "replace", "path": "PASSWORD", "value": "NewSecret99" }""")]
    [InlineData("""{ "op": "Replace", "path": "urn:ietf:params:scim:schemas:core:2.0:User:password", "value": "NewSecret99" }""")]
    [InlineData("""{ "op": "replace", "value": { "password": "NewSecret99" } }""")]
    [InlineData("""{ "op": "Add", "value": { "urn:ietf:params:scim:schemas:core:2.0:User:password": "NewSecret99" } }""")]
    public void Every_patch_form_that_sets_the_password_is_seen_as_a_change_and_stripped(string operation)
    {
        var stored = Normalize("""{ "userName": "ada" }""");
        var patch = PatchRequest.Parse(JsonNode.Parse($$"""{ "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [ {{operation}} ] }"""));

        var result = PatchEngine.Apply(stored, patch, s_users);
        var removed = NeverReturnedValues.Strip(result.Resource, s_users);

        Assert.Contains("password", result.ChangedAttributes);
        Assert.Equal(["password"], removed);
        Assert.DoesNotContain("NewSecret99", result.Resource.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_required_never_returned_attribute_is_asked_for_on_create_but_not_on_a_later_patch_of_the_stored_resource()
    {
        var noPin = $$"""{ "schemas": ["{{UserUrn}}", "{{VaultUrn}}"], "userName": "ada", "{{VaultUrn}}": { "hint": "blue" } }""";
        var stored = Normalize($$"""{ "userName": "ada", "{{VaultUrn}}": { "pin": "1234", "hint": "blue" } }""");
        NeverReturnedValues.Strip(stored, s_users);
        var patch = PatchRequest.Parse(JsonNode.Parse("""{ "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [ { "op": "replace", "path": "displayName", "value": "Ada" } ] }"""));

        var error = Assert.Throws<ScimException>(() => ResourceValidator.Normalize(JsonNode.Parse(noPin), s_users));
        var patched = PatchEngine.Apply(stored, patch, s_users);

        Assert.Equal(ScimType.InvalidValue, error.ScimType);
        Assert.Equal("Ada", (string?)patched.Resource["displayName"]);
    }

    [Theory]
    [InlineData("password sw \"N\"")]
    [InlineData("password pr")]
    [InlineData("PASSWORD eq \"NewSecret99\"")]
    [InlineData("urn:ietf:params:scim:schemas:core:2.0:User:password eq \"NewSecret99\"")]
    [InlineData("userName eq \"ada\" or password gt \"M\"")]
    [InlineData("not (password co \"9\") and active eq true")]
    [InlineData("urn:example:params:scim:schemas:extension:vault:2.0:User:pin eq \"1234\"")]
    [InlineData("urn:example:params:scim:schemas:extension:vault:2.0:User:credentials.secret sw \"s\"")]
    [InlineData("urn:example:params:scim:schemas:extension:vault:2.0:User:credentials[label eq \"x\" and secret sw \"s\"]")]
    [InlineData("urn:example:params:scim:schemas:extension:vault:2.0:User:recovery eq \"r1\"")]
    public void A_filter_naming_a_never_returned_attribute_is_invalid_filter_before_any_resource_is_read(string filter)
    {
        var fromQuery = Assert.Throws<ScimException>(() => FromQuery(("filter", filter)));
        var fromSearch = Assert.Throws<ScimException>(() => ScimQuery.FromSearchRequest(new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemaUrns.SearchRequest),
            ["filter"] = filter,
        }, s_users));

        Assert.Equal((400, ScimType.InvalidFilter), (fromQuery.Status, fromQuery.ScimType));
        Assert.Equal((400, ScimType.InvalidFilter), (fromSearch.Status, fromSearch.ScimType));
        Assert.DoesNotContain("NewSecret99", fromQuery.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("password")]
    [InlineData("Password")]
    [InlineData("urn:ietf:params:scim:schemas:core:2.0:User:password")]
    [InlineData("urn:example:params:scim:schemas:extension:vault:2.0:User:pin")]
    [InlineData("urn:example:params:scim:schemas:extension:vault:2.0:User:credentials.secret")]
    [InlineData("urn:example:params:scim:schemas:extension:vault:2.0:User:recovery")]
    public void SortBy_a_never_returned_attribute_is_invalid_value(string sortBy)
    {
        var error = Assert.Throws<ScimException>(() => FromQuery(("sortBy", sortBy)));

        Assert.Equal((400, ScimType.InvalidValue), (error.Status, error.ScimType));
    }

    [Fact]
    public void A_sortBy_the_type_does_not_define_is_left_to_the_sort_as_the_root_search_shares_one_key_between_types()
    {
        var groupQuery = ScimQuery.FromQueryString(name => name == "sortBy" ? "userName" : null, ScimSchemas.GroupResourceType());

        Assert.Equal("userName", groupQuery.Sort!.By.Name);
    }

    [Fact]
    public void The_other_attributes_of_the_same_schemas_can_still_be_filtered_and_sorted_on()
    {
        var query = FromQuery(
            ("filter", $"{VaultUrn}:credentials[label eq \"laptop\"] and {VaultUrn}:hint pr"),
            ("sortBy", $"{VaultUrn}:credentials.label"));

        Assert.NotNull(query.Filter);
        Assert.NotNull(query.Sort);
    }

    [Fact]
    public void A_patch_path_whose_value_filter_names_a_never_returned_sub_attribute_is_invalid_filter()
    {
        var stored = Normalize($$"""{ "userName": "ada", "{{VaultUrn}}": { "pin": "1234", "credentials": [ { "label": "laptop" } ] } }""");
        var patch = PatchRequest.Parse(JsonNode.Parse($$"""
            { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
              "Operations": [ { "op": "replace", "path": "{{VaultUrn}}:credentials[secret eq \"s1\"].label", "value": "found" } ] }
            """));

        var error = Assert.Throws<ScimException>(() => PatchEngine.Apply(stored, patch, s_users));

        Assert.Equal(ScimType.InvalidFilter, error.ScimType);
    }

    private static JsonObject Normalize(string json)
    {
        var document = JsonNode.Parse(json)!.AsObject();
        if (!document.ContainsKey("schemas"))
        {
            document["schemas"] = document.ContainsKey(VaultUrn) ? new JsonArray(UserUrn, VaultUrn) : new JsonArray(UserUrn);
        }

        return ResourceValidator.Normalize(document, s_users);
    }

    private static ScimQuery FromQuery(params (string Name, string Value)[] parameters) =>
        ScimQuery.FromQueryString(name => parameters.Where(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Select(p => p.Value).FirstOrDefault(), s_users);
}
