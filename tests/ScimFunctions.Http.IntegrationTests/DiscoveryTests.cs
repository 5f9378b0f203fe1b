using System.Text.Json.Nodes;
using ScimFunctions.Http.IntegrationTests.Support;

namespace ScimFunctions.Http.IntegrationTests;

/// <summary>Discovery is per tenant and truthful: its limits, its extension schemas.</summary>
public sealed class DiscoveryTests(ScimTestHost host) : IClassFixture<ScimTestHost>
{
    private const string BadgeSchema = "urn:example:params:scim:schemas:extension:badge:2.0:User";

    private static JsonObject BadgeExtension() => new()
    {
        ["User"] = new JsonArray(new JsonObject
        {
            ["id"] = BadgeSchema,
            ["name"] = "Badge",
            ["description"] = "Badge data of the tenant",
            ["attributes"] = new JsonArray(new JsonObject
            {
                ["name"] = "badgeNumber",
                ["type"] = "string",
                ["multiValued"] = false,
                ["required"] = false,
                ["caseExact"] = false,
                ["mutability"] = "readWrite",
                ["returned"] = "default",
                ["uniqueness"] = "none",
            }),
        }),
    };

    [Fact]
    public async Task Service_provider_config_advertises_the_tenant_policy()
    {
        using var tenant = await host.CreateTenantAsync(policy: new JsonObject { ["bulkMaxOperations"] = 7, ["bulkMaxPayloadBytes"] = 12345 });

        var config = await tenant.GetAsync("/ServiceProviderConfig");

        config.AssertStatus(200);
        Assert.Equal("application/scim+json", config.MediaType);
        Assert.True(config.Body!["patch"]!["supported"]!.GetValue<bool>());
        Assert.True(config.Body["bulk"]!["supported"]!.GetValue<bool>());
        Assert.Equal(7, config.Body["bulk"]!["maxOperations"]!.GetValue<int>());
        Assert.Equal(12345, config.Body["bulk"]!["maxPayloadSize"]!.GetValue<int>());
        Assert.True(config.Body["filter"]!["maxResults"]!.GetValue<int>() > 0);
        Assert.False(config.Body["changePassword"]!["supported"]!.GetValue<bool>());
        Assert.True(config.Body["etag"]!["supported"]!.GetValue<bool>());
        Assert.Contains(config.Body["authenticationSchemes"]!.AsArray(), s => (string?)s!["type"] == "oauthbearertoken");
    }

    [Fact]
    public async Task A_tenant_extension_schema_is_listed_served_and_usable_and_other_tenants_do_not_see_it()
    {
        using var tenant = await host.CreateTenantAsync(extensionSchemas: BadgeExtension());
        using var other = await host.CreateTenantAsync();

        var schemas = await tenant.GetAsync("/Schemas");
        var schema = await tenant.GetAsync("/Schemas/" + BadgeSchema);
        var userType = await tenant.GetAsync("/ResourceTypes/User");

        Assert.Contains(schemas.Resources, s => (string?)s["id"] == BadgeSchema);
        schema.AssertStatus(200);
        Assert.Equal("badgeNumber", (string?)schema.Body!["attributes"]![0]!["name"]);
        Assert.Contains(userType.Body!["schemaExtensions"]!.AsArray(), e => (string?)e!["schema"] == BadgeSchema);
        Assert.DoesNotContain((await other.GetAsync("/Schemas")).Resources, s => (string?)s["id"] == BadgeSchema);
        (await other.GetAsync("/Schemas/" + BadgeSchema)).AssertScimError(404);

        var user = Scim.User(Scim.UniqueName());
        user["schemas"]!.AsArray().Add(BadgeSchema);
        user[BadgeSchema] = new JsonObject { ["badgeNumber"] = "B-42" };
        var created = await tenant.PostAsync("/Users", user);
        created.AssertStatus(201);
        Assert.Equal("B-42", (string?)created.Body![BadgeSchema]!["badgeNumber"]);
    }

    [Fact]
    public async Task Resource_types_and_core_schemas_are_listed_with_absolute_locations()
    {
        using var tenant = await host.CreateTenantAsync();

        var types = await tenant.GetAsync("/ResourceTypes");
        var schemas = await tenant.GetAsync("/Schemas");

        Assert.Equal(["User", "Group"], types.Resources.Select(t => (string?)t["name"]));
        Assert.All(types.Resources, t => Assert.StartsWith($"http://localhost{tenant.BasePath}/ResourceTypes/", (string?)t["meta"]!["location"], StringComparison.Ordinal));
        Assert.Contains(schemas.Resources, s => (string?)s["id"] == Scim.UserSchema);
        Assert.Contains(schemas.Resources, s => (string?)s["id"] == Scim.EnterpriseSchema);
        Assert.Contains(schemas.Resources, s => (string?)s["id"] == Scim.GroupSchema);
        (await tenant.GetAsync("/ResourceTypes/Printer")).AssertScimError(404);
    }

    [Fact]
    public async Task Discovery_follows_rfc_9865_and_the_interop_profile()
    {
        using var tenant = await host.CreateTenantAsync();

        var types = await tenant.GetAsync("/ResourceTypes");
        Assert.All(types.Resources, t => Assert.Equal((string?)t["name"], (string?)t["id"]));

        var pagination = (await tenant.GetAsync("/ServiceProviderConfig")).Body!["pagination"]!.AsObject();
        Assert.Equal(["cursor", "cursorTimeout", "defaultPageSize", "defaultPaginationMethod", "index", "maxPageSize"], pagination.Select(p => p.Key).Order(StringComparer.Ordinal));

        var user = (await tenant.GetAsync("/Schemas/" + Scim.UserSchema)).Body!;
        var group = (await tenant.GetAsync("/Schemas/" + Scim.GroupSchema)).Body!;
        var enterprise = (await tenant.GetAsync("/Schemas/" + Scim.EnterpriseSchema)).Body!;
        foreach (var name in new[] { "emails", "phoneNumbers", "ims", "photos", "addresses", "groups" })
        {
            Assert.NotEmpty(SubAttribute(user, name, "type")["canonicalValues"]!.AsArray());
        }

        Assert.Equal(["User", "Group"], SubAttribute(group, "members", "type")["canonicalValues"]!.AsArray().Select(v => (string?)v));
        foreach (var reference in new[] { SubAttribute(group, "members", "$ref"), SubAttribute(user, "groups", "$ref"), SubAttribute(enterprise, "manager", "$ref") })
        {
            Assert.Equal("reference", (string?)reference["type"]);
            Assert.Equal("default", (string?)reference["returned"]);
            Assert.NotEmpty(reference["referenceTypes"]!.AsArray());
        }
    }

    private static JsonObject SubAttribute(JsonNode schema, string attribute, string subAttribute) =>
        schema["attributes"]!.AsArray().Single(a => (string?)a!["name"] == attribute)!["subAttributes"]!.AsArray().Single(a => (string?)a!["name"] == subAttribute)!.AsObject();
}
