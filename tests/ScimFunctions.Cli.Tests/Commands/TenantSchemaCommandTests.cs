using System.Text.Json.Nodes;
using ScimFunctions.Cli.Tests.Support;
using ScimFunctions.Testing;

namespace ScimFunctions.Cli.Tests.Commands;

public sealed class TenantSchemaCommandTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Urn = "urn:example:params:scim:schemas:extension:acme:2.0:User";
    private readonly string _tenant = TestNames.TenantId();

    private ScimCtlRunner Cli => new(azurite.ConnectionString);

    [Fact]
    public async Task Add_attribute_creates_the_schema_then_extends_it_and_show_and_the_audit_log_have_it()
    {
        await Cli.JsonAsync("tenant", "create", _tenant);

        await Cli.JsonAsync("tenant", "schemas", "add-attribute", _tenant, "--schema", Urn, "--name", "costCenter", "--type", "string", "--required");
        await Cli.JsonAsync("tenant", "schemas", "add-attribute", _tenant, "--schema", Urn, "--name", "badges", "--type", "string", "--multi-valued", "--returned", "request");
        var shown = await Cli.JsonAsync("tenant", "schemas", "show", _tenant);
        var audit = await Cli.JsonAsync("audit", _tenant);

        var schema = shown["User"]!.AsArray().Single()!;
        Assert.Equal(Urn, (string)schema["id"]!);
        var attributes = schema["attributes"]!.AsArray();
        Assert.Equal(["costCenter", "badges"], attributes.Select(a => (string)a!["name"]!));
        Assert.True((bool)attributes[0]!["required"]!);
        Assert.Equal(("request", true), ((string)attributes[1]!["returned"]!, (bool)attributes[1]!["multiValued"]!));
        Assert.Equal(2, audit.ToJsonString().Split("tenant.schemas").Length - 1);
    }

    [Fact]
    public async Task A_bad_attribute_is_refused_naming_it_and_changes_nothing()
    {
        await Cli.JsonAsync("tenant", "create", _tenant);
        await Cli.JsonAsync("tenant", "schemas", "add-attribute", _tenant, "--schema", Urn, "--name", "costCenter", "--type", "string");

        var badType = await Cli.RunAsync("tenant", "schemas", "add-attribute", _tenant, "--schema", Urn, "--name", "level", "--type", "text");
        var badReturned = await Cli.RunAsync("tenant", "schemas", "add-attribute", _tenant, "--schema", Urn, "--name", "grade", "--type", "integer", "--returned", "sometimes");
        var duplicate = await Cli.RunAsync("tenant", "schemas", "add-attribute", _tenant, "--schema", Urn, "--name", "COSTCENTER", "--type", "string");
        var shown = await Cli.JsonAsync("tenant", "schemas", "show", _tenant);

        Assert.Equal((1, 400), (badType.ExitCode, (int)badType.ErrorJson["error"]!["status"]!));
        Assert.Contains("'level'", (string)badType.ErrorJson["error"]!["message"]!, StringComparison.Ordinal);
        Assert.Contains("'grade'", (string)badReturned.ErrorJson["error"]!["message"]!, StringComparison.Ordinal);
        Assert.Contains("returned", (string)badReturned.ErrorJson["error"]!["message"]!, StringComparison.Ordinal);
        Assert.Equal(409, (int)duplicate.ErrorJson["error"]!["status"]!);
        Assert.Single(shown["User"]![0]!["attributes"]!.AsArray());
    }

    [Fact]
    public async Task Set_replaces_the_schemas_from_a_file_and_refuses_an_invalid_file_naming_the_attribute()
    {
        await Cli.JsonAsync("tenant", "create", _tenant);
        var file = Path.Combine(Path.GetTempPath(), TestNames.TenantId() + ".json");
        var schemas = new JsonObject
        {
            ["Group"] = new JsonArray(new JsonObject
            {
                ["id"] = "urn:example:params:scim:schemas:extension:acme:2.0:Group",
                ["name"] = "AcmeGroup",
                ["attributes"] = new JsonArray(new JsonObject { ["name"] = "owner", ["type"] = "string" }),
            }),
        };
        try
        {
            await File.WriteAllTextAsync(file, schemas.ToJsonString());
            var set = await Cli.JsonAsync("tenant", "schemas", "set", _tenant, file);
            schemas["Group"]![0]!["attributes"]![0]!["type"] = "complex";
            await File.WriteAllTextAsync(file, schemas.ToJsonString());
            var invalid = await Cli.RunAsync("tenant", "schemas", "set", _tenant, file);
            await File.WriteAllTextAsync(file, "{ not json");
            var notJson = await Cli.RunAsync("tenant", "schemas", "set", _tenant, file);
            var shown = await Cli.JsonAsync("tenant", "schemas", "show", _tenant);

            Assert.Equal("owner", (string)set["Group"]![0]!["attributes"]![0]!["name"]!);
            Assert.Equal(400, (int)invalid.ErrorJson["error"]!["status"]!);
            Assert.Contains("'owner'", (string)invalid.ErrorJson["error"]!["message"]!, StringComparison.Ordinal);
            Assert.Equal(400, (int)notJson.ErrorJson["error"]!["status"]!);
            Assert.Equal("string", (string)shown["Group"]![0]!["attributes"]![0]!["type"]!);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
