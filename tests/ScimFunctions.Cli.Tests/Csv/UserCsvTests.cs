using System.Text.Json.Nodes;
using ScimFunctions.Cli.Csv;
using ScimFunctions.Core;
using ScimFunctions.Core.Errors;
using ScimFunctions.Core.Schemas;

namespace ScimFunctions.Cli.Tests.Csv;

public sealed class UserCsvTests
{
    private static readonly ResourceTypeDefinition UserType = ScimSchemas.UserResourceType();

    [Fact]
    public void Columns_are_scim_paths_applied_with_the_same_rules_as_a_post()
    {
        string[] header = ["userName", "name.givenName", "emails[type eq \"work\"].value", "active", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "id"];

        var user = UserCsv.ToUser(header, ["ada@example.com", "Ada", "ada@example.com", "True", "R&D", "ignored-id"], UserType, CompatibilityOptions.Default);

        Assert.Equal("ada@example.com", (string?)user["userName"]);
        Assert.Equal("Ada", (string?)user["name"]!["givenName"]);
        Assert.Equal("work", (string?)user["emails"]![0]!["type"]);
        Assert.True((bool)user["active"]!);
        Assert.Equal("R&D", (string?)user[ScimSchemaUrns.EnterpriseUser]!["department"]);
        Assert.Null(user["id"]);
    }

    [Fact]
    public void An_invalid_value_is_a_scim_error()
    {
        var error = Assert.Throws<ScimException>(() => UserCsv.ToUser(["userName", "active"], ["x", "perhaps"], UserType, CompatibilityOptions.Default));

        Assert.Equal(400, error.Status);
    }

    [Fact]
    public void Flatten_writes_the_paths_import_reads()
    {
        var user = JsonNode.Parse("""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"1","userName":"a","name":{"givenName":"A"},
             "emails":[{"type":"work","value":"a@x","primary":true},{"value":"untyped@x"}],
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"D","manager":{"value":"m1"}},
             "meta":{"resourceType":"User"}}
            """)!.AsObject();

        var cells = UserCsv.Flatten(user).ToDictionary(c => c.Key, c => c.Value);

        Assert.Equal(new Dictionary<string, string>
        {
            ["id"] = "1",
            ["userName"] = "a",
            ["name.givenName"] = "A",
            ["emails[type eq \"work\"].value"] = "a@x",
            ["emails[type eq \"work\"].primary"] = "true",
            ["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department"] = "D",
            ["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value"] = "m1",
        }, cells);
    }
}
