using ScimFunctions.Http.IntegrationTests.Support;

namespace ScimFunctions.Http.IntegrationTests;

/// <summary>ETags (RFC 7644 §3.14): ETag = meta.version, 304 on If-None-Match, 412 on a stale If-Match.</summary>
public sealed class ConditionalRequestTests(ScimTestHost host) : IClassFixture<ScimTestHost>
{
    [Fact]
    public async Task Get_with_the_current_version_in_if_none_match_is_304()
    {
        using var tenant = await host.CreateTenantAsync();
        var id = await tenant.CreateUserAsync(Scim.UniqueName());
        var current = await tenant.GetAsync($"/Users/{id}");
        Assert.Equal(current.ETag, (string?)current.Body!["meta"]!["version"]);

        var notModified = await tenant.GetAsync($"/Users/{id}", r => r.Headers.TryAddWithoutValidation("If-None-Match", current.ETag));

        notModified.AssertStatus(304);
        Assert.Empty(notModified.RawBody);
    }

    [Fact]
    public async Task Put_patch_and_delete_with_a_stale_if_match_are_412_and_change_nothing()
    {
        using var tenant = await host.CreateTenantAsync();
        var id = await tenant.CreateUserAsync(Scim.UniqueName());
        var stale = (await tenant.GetAsync($"/Users/{id}")).ETag!;
        (await tenant.PatchAsync($"/Users/{id}", Scim.Patch(Scim.Op("replace", "title", "First")))).AssertStatus(204);
        var user = (await tenant.GetAsync($"/Users/{id}")).Body!.AsObject();
        void IfMatch(HttpRequestMessage r) => r.Headers.TryAddWithoutValidation("If-Match", stale);

        (await tenant.PutAsync($"/Users/{id}", user, IfMatch)).AssertScimError(412);
        (await tenant.PatchAsync($"/Users/{id}", Scim.Patch(Scim.Op("replace", "title", "Second")), IfMatch)).AssertScimError(412);
        (await tenant.DeleteAsync($"/Users/{id}", IfMatch)).AssertScimError(412);

        Assert.Equal("First", (string?)(await tenant.GetAsync($"/Users/{id}")).Body!["title"]);
    }

    [Fact]
    public async Task Patch_with_the_current_if_match_succeeds_and_answers_the_new_etag()
    {
        using var tenant = await host.CreateTenantAsync();
        var id = await tenant.CreateUserAsync(Scim.UniqueName());
        var current = (await tenant.GetAsync($"/Users/{id}")).ETag!;

        var patched = await tenant.PatchAsync($"/Users/{id}", Scim.Patch(Scim.Op("replace", "title", "Now")), r => r.Headers.TryAddWithoutValidation("If-Match", current));

        patched.AssertStatus(204);
        Assert.NotEqual(current, patched.ETag);
        Assert.Equal(patched.ETag, (await tenant.GetAsync($"/Users/{id}")).ETag);
    }

    [Fact]
    public async Task Patch_answers_200_with_the_resource_when_attributes_are_asked_for_or_the_tenant_wants_200()
    {
        using var tenant = await host.CreateTenantAsync();
        using var strict = await host.CreateTenantAsync(compatibility: new System.Text.Json.Nodes.JsonObject { ["patchReturnsNoContent"] = false });
        var id = await tenant.CreateUserAsync(Scim.UniqueName());
        var strictId = await strict.CreateUserAsync(Scim.UniqueName());

        var withAttributes = await tenant.PatchAsync($"/Users/{id}?attributes=title", Scim.Patch(Scim.Op("replace", "title", "T")));
        var strictAnswer = await strict.PatchAsync($"/Users/{strictId}", Scim.Patch(Scim.Op("replace", "title", "T")));

        withAttributes.AssertStatus(200);
        Assert.Equal("T", (string?)withAttributes.Body!["title"]);
        Assert.Null(withAttributes.Body["userName"]);
        Assert.Equal(id, (string?)withAttributes.Body["id"]);
        strictAnswer.AssertStatus(200);
        Assert.Equal("T", (string?)strictAnswer.Body!["title"]);
    }

    [Fact]
    public async Task A_group_patch_answered_200_shows_the_members_after_the_change()
    {
        using var strict = await host.CreateTenantAsync(compatibility: new System.Text.Json.Nodes.JsonObject { ["patchReturnsNoContent"] = false });
        var first = await strict.CreateUserAsync(Scim.UniqueName());
        var second = await strict.CreateUserAsync(Scim.UniqueName());
        var groupId = await strict.CreateGroupAsync("Group " + Guid.NewGuid().ToString("N"), first);

        var answer = await strict.PatchAsync(
            $"/Groups/{groupId}",
            Scim.Patch(Scim.Op("add", "members", new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["value"] = second }))));

        answer.AssertStatus(200);
        var members = answer.Body!["members"]!.AsArray().Select(m => (string)m!["value"]!).Order().ToList();
        Assert.Equal(new[] { first, second }.Order().ToList(), members);
    }
}
