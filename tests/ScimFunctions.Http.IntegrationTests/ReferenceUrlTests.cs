using System.Text.Json.Nodes;
using ScimFunctions.Http.IntegrationTests.Support;

namespace ScimFunctions.Http.IntegrationTests;

/// <summary>
/// <c>members[].$ref</c>, <c>groups[].$ref</c> and the enterprise manager's <c>$ref</c> (RFC 7643 §4.1.2, §4.2, §4.3,
/// §8.7.1; returned by default) are the referenced resource's absolute URL, built like <c>meta.location</c> in the URL
/// form of the request, on every response that carries the attribute, and obey <c>attributes</c>/<c>excludedAttributes</c>.
/// </summary>
public sealed class ReferenceUrlTests(ScimTestHost host) : IClassFixture<ScimTestHost>
{
    [Fact]
    public async Task Members_groups_and_manager_carry_the_absolute_url_of_what_they_reference()
    {
        using var tenant = await host.CreateTenantAsync(compatibility: new JsonObject { ["patchReturnsNoContent"] = false });
        var root = host.Server.BaseAddress.AbsoluteUri.TrimEnd('/') + tenant.BasePath;
        var (managerId, reportId, groupId, nestedId) = await PopulateAsync(tenant);

        var group = await tenant.GetAsync("/Groups/" + groupId);
        group.AssertStatus(200);
        Assert.Equal(root + "/Users/" + managerId, Ref(group.Body!["members"], managerId));
        Assert.Equal(root + "/Groups/" + nestedId, Ref(group.Body!["members"], nestedId));

        var manager = await tenant.GetAsync("/Users/" + managerId);
        Assert.Equal(root + "/Groups/" + groupId, Ref(manager.Body!["groups"], groupId));

        var report = await tenant.GetAsync("/Users/" + reportId);
        Assert.Equal(root + "/Users/" + managerId, (string?)report.Body![Scim.EnterpriseSchema]!["manager"]!["$ref"]);

        var patched = await tenant.PatchAsync("/Groups/" + groupId, Scim.Patch(Scim.Op("add", "members", new JsonArray(new JsonObject { ["value"] = reportId }))));
        patched.AssertStatus(200);
        Assert.Equal(root + "/Users/" + reportId, Ref(patched.Body!["members"], reportId));

        var listed = await tenant.GetAsync("/Groups?filter=" + Scim.Filter($"id eq \"{groupId}\""));
        Assert.Equal(root + "/Users/" + reportId, Ref(Assert.Single(listed.Resources)["members"], reportId));
    }

    [Fact]
    public async Task A_ref_the_client_sends_is_not_kept_the_service_builds_its_own()
    {
        using var tenant = await host.CreateTenantAsync();
        var root = host.Server.BaseAddress.AbsoluteUri.TrimEnd('/') + tenant.BasePath;
        var userId = await tenant.CreateUserAsync(Scim.UniqueName());
        var body = Scim.Group("Sent refs");
        body["members"] = new JsonArray(new JsonObject { ["value"] = userId, ["$ref"] = "https://elsewhere.example/Users/" + userId });

        var created = await tenant.PostAsync("/Groups", body);
        created.AssertStatus(201);
        Assert.Equal(root + "/Users/" + userId, Ref(created.Body!["members"], userId));
        var replaced = await tenant.PutAsync("/Groups/" + (string)created.Body!["id"]!, body);
        replaced.AssertStatus(200);
        Assert.Equal(root + "/Users/" + userId, Ref(replaced.Body!["members"], userId));
    }

    [Fact]
    public async Task The_ref_follows_attributes_and_excluded_attributes()
    {
        using var tenant = await host.CreateTenantAsync();
        var userId = await tenant.CreateUserAsync(Scim.UniqueName());
        var groupId = await tenant.CreateGroupAsync("Projection", userId);

        var valuesOnly = await tenant.GetAsync($"/Groups/{groupId}?attributes=members.value");
        var member = Assert.Single(valuesOnly.Body!["members"]!.AsArray())!.AsObject();
        Assert.Equal(["value"], member.Select(p => p.Key));

        var refOnly = await tenant.GetAsync($"/Groups/{groupId}?attributes=members.$ref");
        Assert.Equal(["$ref"], Assert.Single(refOnly.Body!["members"]!.AsArray())!.AsObject().Select(p => p.Key));

        var withoutRef = await tenant.GetAsync($"/Groups/{groupId}?excludedAttributes=members.$ref");
        var kept = Assert.Single(withoutRef.Body!["members"]!.AsArray())!.AsObject();
        Assert.Equal(userId, (string?)kept["value"]);
        Assert.False(kept.ContainsKey("$ref"));
    }

    [Fact]
    public async Task The_ref_is_in_the_url_form_the_client_used()
    {
        using var tenant = await host.CreateTenantAsync();
        using var byToken = tenant.ByToken();
        var root = host.Server.BaseAddress.AbsoluteUri.TrimEnd('/') + "/scim/v2";
        var (managerId, reportId, groupId, nestedId) = await PopulateAsync(byToken);

        var group = await byToken.GetAsync("/Groups/" + groupId);
        Assert.Equal(root + "/Users/" + managerId, Ref(group.Body!["members"], managerId));
        Assert.Equal(root + "/Groups/" + nestedId, Ref(group.Body!["members"], nestedId));
        Assert.Equal(root + "/Groups/" + groupId, Ref((await byToken.GetAsync("/Users/" + managerId)).Body!["groups"], groupId));
        Assert.Equal(root + "/Users/" + managerId, (string?)(await byToken.GetAsync("/Users/" + reportId)).Body![Scim.EnterpriseSchema]!["manager"]!["$ref"]);

        // The same group read through the tenant URL answers in that form.
        Assert.Equal(root + "/" + tenant.TenantId + "/Users/" + managerId, Ref((await tenant.GetAsync("/Groups/" + groupId)).Body!["members"], managerId));
    }

    internal static async Task<(string Manager, string Report, string Group, string Nested)> PopulateAsync(TenantClient tenant)
    {
        var managerId = await tenant.CreateUserAsync(Scim.UniqueName("manager"));
        var reportBody = Scim.User(Scim.UniqueName("report"));
        reportBody["schemas"]!.AsArray().Add(Scim.EnterpriseSchema);
        reportBody[Scim.EnterpriseSchema] = new JsonObject { ["manager"] = new JsonObject { ["value"] = managerId } };
        var report = await tenant.PostAsync("/Users", reportBody);
        report.AssertStatus(201);
        var nestedId = await tenant.CreateGroupAsync("Nested " + Guid.NewGuid().ToString("N"));
        var group = Scim.Group("Outer " + Guid.NewGuid().ToString("N"), managerId);
        group["members"]!.AsArray().Add(new JsonObject { ["value"] = nestedId, ["type"] = "Group" });
        var created = await tenant.PostAsync("/Groups", group);
        created.AssertStatus(201);
        return (managerId, (string)report.Body!["id"]!, (string)created.Body!["id"]!, nestedId);
    }

    internal static string? Ref(JsonNode? values, string id) =>
        (string?)values!.AsArray().Single(v => (string?)v!["value"] == id)!["$ref"];
}

/// <summary>Behind <c>Scim:PublicBaseUrl</c> a <c>$ref</c> is built on it, like <c>meta.location</c>.</summary>
public sealed class PublicBaseUrlReferenceTests(PublicBaseUrlHost fixture) : IClassFixture<PublicBaseUrlHost>
{
    [Fact]
    public async Task The_ref_is_built_on_the_public_base_url_in_both_url_forms()
    {
        using var tenant = await fixture.Host.CreateTenantAsync();
        using var byToken = tenant.ByToken();
        var (managerId, reportId, groupId, _) = await ReferenceUrlTests.PopulateAsync(tenant);
        var forwarded = LocationProbe.Forwarded("http", "attacker.example");

        var group = await tenant.GetAsync("/Groups/" + groupId, forwarded);
        Assert.Equal($"{PublicBaseUrlHost.PublicBaseUrl}scim/v2/{tenant.TenantId}/Users/{managerId}", ReferenceUrlTests.Ref(group.Body!["members"], managerId));
        var report = await byToken.GetAsync("/Users/" + reportId, forwarded);
        Assert.Equal($"{PublicBaseUrlHost.PublicBaseUrl}scim/v2/Users/{managerId}", (string?)report.Body![Scim.EnterpriseSchema]!["manager"]!["$ref"]);
        Assert.Equal($"{PublicBaseUrlHost.PublicBaseUrl}scim/v2/Users/{reportId}", (string?)report.Body!["meta"]!["location"]);
    }
}
