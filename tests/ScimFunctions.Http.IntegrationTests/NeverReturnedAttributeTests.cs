using System.Text.Json.Nodes;
using ScimFunctions.Http.IntegrationTests.Support;

namespace ScimFunctions.Http.IntegrationTests;

/// <summary>
/// A password (and any returned:never attribute, tenant extensions included) is accepted and never persisted: the
/// table rows written for POST, PUT, every PATCH form and Bulk hold neither the value nor anything derived from it,
/// the change rows name the attribute only, and no filter or sortBy can probe it.
/// </summary>
public sealed class NeverReturnedAttributeTests(ScimTestHost host) : IClassFixture<ScimTestHost>
{
    private const string Secret = "NewSecret99";
    private const string VaultSchema = "urn:example:params:scim:schemas:extension:vault:2.0:User";

    [Fact]
    public async Task Post_with_a_password_stores_no_password_and_the_change_row_names_it_only()
    {
        using var okta = await host.CreateTenantAsync();
        var body = Scim.User(Scim.UniqueName());
        body["password"] = Secret;

        var created = await okta.PostAsync("/Users", body);

        created.AssertStatus(201);
        var id = (string)created.Body!["id"]!;
        var raw = await RawPartitions.OfAsync(host, okta);
        Assert.DoesNotContain("password", await raw.DocumentAsync("user", id), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Secret, await raw.AllTextAsync(), StringComparison.Ordinal);
        Assert.Contains("password", (await raw.ChangedAttributesAsync(id)).Single().Split(','));
        Assert.DoesNotContain(Secret, created.RawBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_with_a_password_stores_no_password()
    {
        using var okta = await host.CreateTenantAsync();
        var id = await okta.CreateUserAsync(Scim.UniqueName());
        var current = (await okta.GetAsync($"/Users/{id}")).Body!.AsObject();
        current["password"] = Secret;

        (await okta.PutAsync($"/Users/{id}", current)).AssertStatus(200);

        await AssertNoPasswordStoredButNamedAsync(okta, id);
    }

    [Theory]
    [InlineData("replace", "password", false)]
    [InlineData("add", "PASSWORD", false)]
    [InlineData("Replace", "urn:ietf:params:scim:schemas:core:2.0:User:password", false)]
    [InlineData("replace", null, false)]
    [InlineData("Add", null, true)]
    public async Task Patch_with_a_password_in_any_form_stores_no_password(string op, string? path, bool qualifiedKey)
    {
        using var okta = await host.CreateTenantAsync();
        var id = await okta.CreateUserAsync(Scim.UniqueName());
        JsonNode value = path is not null
            ? JsonValue.Create(Secret)
            : new JsonObject { [qualifiedKey ? Scim.UserSchema + ":password" : "password"] = Secret, ["title"] = "Engineer" };

        var patched = await okta.PatchAsync($"/Users/{id}", Scim.Patch(Scim.Op(op, path, value)));

        Assert.True((int)patched.Status is 200 or 204, $"PATCH answered {patched.Status}: {patched.RawBody}");
        await AssertNoPasswordStoredButNamedAsync(okta, id);
    }

    [Fact]
    public async Task A_row_written_with_a_password_by_older_code_loses_it_on_its_next_write_and_never_shows_it()
    {
        using var okta = await host.CreateTenantAsync();
        var id = await okta.CreateUserAsync(Scim.UniqueName());
        var raw = await RawPartitions.OfAsync(host, okta);
        await raw.PlantAsync("user", id, document => document["password"] = Secret);

        var shown = await okta.GetAsync($"/Users/{id}?attributes=password,userName");
        (await okta.PatchAsync($"/Users/{id}", Scim.Patch(Scim.Op("replace", "title", JsonValue.Create("Engineer"))))).AssertStatus(204);

        Assert.DoesNotContain(Secret, shown.RawBody, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, await raw.AllTextAsync(), StringComparison.Ordinal);
        Assert.Contains(await raw.ChangedAttributesAsync(id), names => names.Split(',').Contains("password"));
    }

    [Fact]
    public async Task Bulk_post_put_and_patch_with_a_password_store_no_password()
    {
        using var okta = await host.CreateTenantAsync();
        var existing = await okta.CreateUserAsync(Scim.UniqueName());
        var patchedId = await okta.CreateUserAsync(Scim.UniqueName());
        var created = Scim.User(Scim.UniqueName());
        created["password"] = Secret;
        var replaced = Scim.User(Scim.UniqueName());
        replaced["password"] = Secret;
        var request = new JsonObject
        {
            ["schemas"] = new JsonArray(Scim.BulkRequestSchema),
            ["Operations"] = new JsonArray(
                new JsonObject { ["method"] = "POST", ["path"] = "/Users", ["bulkId"] = "u1", ["data"] = created },
                new JsonObject { ["method"] = "PUT", ["path"] = $"/Users/{existing}", ["data"] = replaced },
                new JsonObject { ["method"] = "PATCH", ["path"] = $"/Users/{patchedId}", ["data"] = Scim.Patch(Scim.Op("replace", "password", JsonValue.Create(Secret))) }),
        };

        var response = await okta.PostAsync("/Bulk", request);

        response.AssertStatus(200);
        Assert.Equal(["201", "200", "200"], response.Body!["Operations"]!.AsArray().Select(o => (string?)o!["status"]));
        var raw = await RawPartitions.OfAsync(host, okta);
        Assert.DoesNotContain(Secret, await raw.AllTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("password", await raw.DocumentAsync("user", existing), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("password", await raw.DocumentAsync("user", patchedId), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("password sw \"N\"")]
    [InlineData("password pr")]
    [InlineData("userName pr and not (password eq \"NewSecret99\")")]
    [InlineData("urn:ietf:params:scim:schemas:core:2.0:User:password gt \"M\"")]
    public async Task A_filter_on_the_password_is_400_invalidFilter_in_a_list_and_in_every_search(string filter)
    {
        using var okta = await host.CreateTenantAsync();
        var body = Scim.User(Scim.UniqueName());
        body["password"] = Secret;
        (await okta.PostAsync("/Users", body)).AssertStatus(201);
        var search = new JsonObject { ["schemas"] = new JsonArray(Scim.SearchRequestSchema), ["filter"] = filter };

        (await okta.GetAsync($"/Users?filter={Scim.Filter(filter)}")).AssertScimError(400, "invalidFilter");
        (await okta.PostAsync("/Users/.search", search)).AssertScimError(400, "invalidFilter");
        (await okta.PostAsync("/.search", search.DeepClone())).AssertScimError(400, "invalidFilter");
    }

    [Fact]
    public async Task SortBy_the_password_is_400_invalidValue_even_in_an_empty_tenant()
    {
        using var okta = await host.CreateTenantAsync();
        var search = new JsonObject { ["schemas"] = new JsonArray(Scim.SearchRequestSchema), ["sortBy"] = "password" };

        (await okta.GetAsync("/Users?sortBy=password")).AssertScimError(400, "invalidValue");
        (await okta.GetAsync($"/Users?sortBy={Scim.Filter(Scim.UserSchema + ":password")}&sortOrder=descending")).AssertScimError(400, "invalidValue");
        (await okta.PostAsync("/Users/.search", search)).AssertScimError(400, "invalidValue");
    }

    [Fact]
    public async Task A_tenant_extension_attribute_and_sub_attribute_that_are_returned_never_are_not_stored_filtered_or_sorted_on()
    {
        using var tenant = await host.CreateTenantAsync(extensionSchemas: VaultExtension());
        var user = Scim.User(Scim.UniqueName());
        user["schemas"]!.AsArray().Add(VaultSchema);
        user[VaultSchema] = new JsonObject
        {
            ["pin"] = "PIN-4711",
            ["credentials"] = new JsonArray(new JsonObject { ["label"] = "laptop", ["secret"] = "CRED-0815" }),
        };

        var created = await tenant.PostAsync("/Users", user);

        created.AssertStatus(201);
        var id = (string)created.Body!["id"]!;
        Assert.Equal("""[{"label":"laptop"}]""", created.Body[VaultSchema]!["credentials"]!.ToJsonString());
        var patch = Scim.Patch(Scim.Op("add", $"{VaultSchema}:credentials", new JsonArray(new JsonObject { ["label"] = "phone", ["secret"] = "CRED-4242" })), Scim.Op("replace", "pin", JsonValue.Create("PIN-0001")));
        (await tenant.PatchAsync($"/Users/{id}", patch)).AssertStatus(204);
        var raw = await RawPartitions.OfAsync(host, tenant);
        var stored = await raw.AllTextAsync();
        foreach (var secret in new[] { "PIN-4711", "CRED-0815", "CRED-4242", "PIN-0001" })
        {
            Assert.DoesNotContain(secret, stored, StringComparison.Ordinal);
        }

        Assert.Contains("laptop", await raw.DocumentAsync("user", id), StringComparison.Ordinal);
        Assert.Contains("phone", await raw.DocumentAsync("user", id), StringComparison.Ordinal);
        Assert.Contains(await raw.ChangedAttributesAsync(id), names => names.Contains($"{VaultSchema}:pin", StringComparison.Ordinal));
        (await tenant.GetAsync($"/Users?filter={Scim.Filter($"{VaultSchema}:pin sw \"P\"")}")).AssertScimError(400, "invalidFilter");
        (await tenant.GetAsync($"/Users?filter={Scim.Filter($"{VaultSchema}:credentials[secret sw \"C\"]")}")).AssertScimError(400, "invalidFilter");
        (await tenant.GetAsync($"/Users?sortBy={Scim.Filter($"{VaultSchema}:credentials.secret")}")).AssertScimError(400, "invalidValue");
        (await tenant.GetAsync($"/Users?filter={Scim.Filter($"{VaultSchema}:credentials[label eq \"laptop\"]")}")).AssertStatus(200);
    }

    [Fact]
    public async Task Service_provider_config_says_change_password_is_not_supported()
    {
        using var okta = await host.CreateTenantAsync();

        var config = await okta.GetAsync("/ServiceProviderConfig");

        Assert.False(config.Body!["changePassword"]!["supported"]!.GetValue<bool>());
    }

    /// <summary>The user's row holds no password, no row holds the value, and a change row names the attribute.</summary>
    private async Task AssertNoPasswordStoredButNamedAsync(TenantClient tenant, string id)
    {
        var raw = await RawPartitions.OfAsync(host, tenant);
        Assert.DoesNotContain("password", await raw.DocumentAsync("user", id), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Secret, await raw.AllTextAsync(), StringComparison.Ordinal);
        Assert.Contains(await raw.ChangedAttributesAsync(id), names => names.Split(',').Contains("password"));
    }

    private static JsonObject VaultExtension() => new()
    {
        ["User"] = new JsonArray(new JsonObject
        {
            ["id"] = VaultSchema,
            ["name"] = "Vault",
            ["attributes"] = new JsonArray(
                new JsonObject { ["name"] = "pin", ["type"] = "string", ["mutability"] = "writeOnly", ["returned"] = "never" },
                new JsonObject
                {
                    ["name"] = "credentials",
                    ["type"] = "complex",
                    ["multiValued"] = true,
                    ["subAttributes"] = new JsonArray(
                        new JsonObject { ["name"] = "label", ["type"] = "string" },
                        new JsonObject { ["name"] = "secret", ["type"] = "string", ["mutability"] = "writeOnly", ["returned"] = "never" }),
                }),
        }),
    };
}
