using System.Text.Json.Nodes;
using ScimFunctions.Http.IntegrationTests.Support;

namespace ScimFunctions.Http.IntegrationTests.Mcp;

/// <summary>
/// The MCP route through the local host with the official C# MCP client: every tool once, its result checked against
/// what the SCIM routes show for the same data, and every change in the change feed under the token id with the
/// channel <c>mcp</c>.
/// </summary>
public sealed class McpToolTests(ScimTestHost host) : IClassFixture<ScimTestHost>
{
    private static readonly string[] ToolNames =
    [
        "add_group_members", "create_user", "deactivate_user", "delete_user", "get_group", "get_user", "reactivate_user",
        "recent_changes", "remove_group_members", "search_groups", "search_users", "tenant_summary", "update_user",
    ];

    [Fact]
    public async Task Lists_the_tools_with_descriptions_and_typed_input_schemas()
    {
        using var tenant = await host.CreateTenantAsync();
        await using var agent = await McpAgent.ConnectAsync(host, tenant.TenantId, tenant.Token);

        var tools = await agent.ListToolsAsync();

        Assert.Equal(ToolNames, tools.Select(tool => tool.Name).Order(StringComparer.Ordinal));
        Assert.All(tools, tool =>
        {
            Assert.False(string.IsNullOrWhiteSpace(tool.Description), tool.Name);
            Assert.Equal("object", tool.ProtocolTool.InputSchema.GetProperty("type").GetString());
        });
        var update = tools.Single(tool => tool.Name == "update_user").ProtocolTool.InputSchema;
        Assert.Contains("operations", update.GetProperty("required").EnumerateArray().Select(name => name.GetString()));
        Assert.True(update.GetProperty("properties").GetProperty("version").ValueKind == System.Text.Json.JsonValueKind.Object);
    }

    [Fact]
    public async Task Each_tool_answers_what_the_scim_routes_show_for_the_same_data()
    {
        using var tenant = await host.CreateTenantAsync();
        await using var agent = await McpAgent.ConnectAsync(host, tenant.TenantId, tenant.Token);
        var userName = Scim.UniqueName();

        // create_user, get_user, search_users: the user SCIM shows.
        var created = await agent.OkAsync("create_user", new { userName, displayName = "Ada Lovelace", givenName = "Ada", familyName = "Lovelace", email = userName });
        var id = (string)created["id"]!;
        var overScim = await tenant.GetAsync("/Users/" + id);
        overScim.AssertStatus(200);
        Assert.Equal(userName, (string?)overScim.Body!["userName"]);
        Assert.Equal("Lovelace", (string?)overScim.Body["name"]!["familyName"]);
        Assert.True(JsonNode.DeepEquals(overScim.Body, await agent.OkAsync("get_user", new { id })));
        var found = await agent.OkAsync("search_users", new { filter = $"userName eq \"{userName}\"" });
        var scimFound = await tenant.GetAsync("/Users?filter=" + Uri.EscapeDataString($"userName eq \"{userName}\""));
        Assert.True(JsonNode.DeepEquals(scimFound.Body, found));
        Assert.Equal(1, (int)found["totalResults"]!);

        // update_user: PATCH operations; a stale version is a 412 tool error and changes nothing.
        var version = (string)overScim.Body["meta"]!["version"]!;
        var updated = await agent.OkAsync("update_user", new { id, version, operations = new object[] { new { op = "replace", path = "displayName", value = "Countess Lovelace" } } });
        Assert.Equal("Countess Lovelace", (string?)updated["displayName"]);
        await agent.ErrorAsync("update_user", new { id, version, operations = new object[] { new { op = "replace", path = "displayName", value = "Stale" } } }, 412);
        Assert.Equal("Countess Lovelace", (string?)(await tenant.GetAsync("/Users/" + id)).Body!["displayName"]);
        var invalid = await agent.ErrorAsync("update_user", new { id, operations = new object[] { new { op = "explode", path = "displayName" } } }, 400);
        Assert.NotNull(invalid["detail"]);

        // deactivate_user, reactivate_user.
        Assert.False((bool)(await agent.OkAsync("deactivate_user", new { id }))["active"]!);
        Assert.False((bool)(await tenant.GetAsync("/Users/" + id)).Body!["active"]!);
        Assert.True((bool)(await agent.OkAsync("reactivate_user", new { id }))["active"]!);
        Assert.True((bool)(await tenant.GetAsync("/Users/" + id)).Body!["active"]!);

        // search_groups, get_group with member pages, add_group_members, remove_group_members.
        var others = new[] { await tenant.CreateUserAsync(Scim.UniqueName()), await tenant.CreateUserAsync(Scim.UniqueName()) };
        var groupName = "Engineering " + Guid.NewGuid().ToString("N");
        var groupId = await tenant.CreateGroupAsync(groupName, others);
        var groups = await agent.OkAsync("search_groups", new { filter = $"displayName eq \"{groupName}\"" });
        Assert.Equal(groupId, (string?)groups["Resources"]![0]!["id"]);
        Assert.Null(groups["Resources"]![0]!["members"]);
        await agent.OkAsync("add_group_members", new { groupId, memberIds = new[] { id } });
        var scimMembers = Members((await tenant.GetAsync("/Groups/" + groupId)).Body!);
        Assert.Equal(others.Append(id).Order(StringComparer.Ordinal), scimMembers);
        var first = await agent.OkAsync("get_group", new { id = groupId, membersCount = 2 });
        Assert.Equal(groupName, (string?)first["group"]!["displayName"]);
        var second = await agent.OkAsync("get_group", new { id = groupId, membersCount = 2, membersCursor = (string)first["membersNextCursor"]! });
        Assert.Null(second["membersNextCursor"]);
        Assert.Equal(2, Members(first["group"]!).Count);
        Assert.Equal(scimMembers, Members(first["group"]!).Concat(Members(second["group"]!)));
        await agent.OkAsync("remove_group_members", new { groupId, memberIds = new[] { others[0] } });
        Assert.Equal(new[] { others[1], id }.Order(StringComparer.Ordinal), Members((await tenant.GetAsync("/Groups/" + groupId)).Body!));

        // tenant_summary: the counts SCIM lists.
        var summary = await agent.OkAsync("tenant_summary");
        Assert.Equal((long)(await tenant.GetAsync("/Users?count=0")).Body!["totalResults"]!, (long)summary["users"]!);
        Assert.Equal(1, (long)summary["groups"]!);
        Assert.Equal("scim", (string?)summary["tokenScope"]);
        Assert.NotNull(summary["policy"]!["maxUsers"] ?? summary["policy"]!["requestsPerSecond"]);

        // delete_user: gone for SCIM too; another delete is a 404 tool error.
        await agent.OkAsync("delete_user", new { id });
        (await tenant.GetAsync("/Users/" + id)).AssertScimError(404);
        await agent.ErrorAsync("get_user", new { id }, 404);

        // recent_changes: this agent's changes under its token id, channel mcp; the SCIM client's under channel scim.
        var tokenId = await TokenIdAsync(tenant.TenantId);
        var changes = await ChangesAsync(agent);
        var mine = changes.Where(change => (string?)change["resourceId"] == id).ToList();
        Assert.Equal(new[] { "Created", "Updated", "Deactivated", "Reactivated", "Deleted" }, mine.Select(change => (string)change["operation"]!));
        Assert.All(mine, change =>
        {
            Assert.Equal(tokenId, (string?)change["actor"]);
            Assert.Equal("mcp", (string?)change["channel"]);
        });
        Assert.Equal("scim", (string?)changes.Single(change => (string?)change["resourceId"] == others[0] && (string?)change["operation"] == "Created")["channel"]);
        Assert.Equal("mcp", (string?)changes.Last(change => (string?)change["resourceId"] == groupId)["channel"]);
    }

    [Fact]
    public async Task The_operator_change_feed_shows_the_token_id_and_channel_mcp_of_an_agent_change()
    {
        using var tenant = await host.CreateTenantAsync();
        using var operatorClient = host.Operator();
        var issued = await operatorClient.SendJsonAsync(HttpMethod.Post, $"/operator/tenants/{tenant.TenantId}/tokens", new JsonObject { ["scope"] = "write" }, "application/json");
        issued.AssertStatus(201);
        Assert.Equal("write", (string?)issued.Body!["scope"]);
        await using var agent = await McpAgent.ConnectAsync(host, tenant.TenantId, (string)issued.Body["token"]!);

        var id = (string)(await agent.OkAsync("create_user", new { userName = Scim.UniqueName() }))["id"]!;

        var feed = await ReadFeedAsync(operatorClient, tenant.TenantId);
        var change = feed.Single(entry => (string?)entry["resourceId"] == id);
        Assert.Equal((string?)issued.Body["tokenId"], (string?)change["actor"]);
        Assert.Equal("mcp", (string?)change["channel"]);
    }

    private static List<string> Members(JsonNode resource) =>
        (resource["members"] as JsonArray ?? []).Select(member => (string)member!["value"]!).Order(StringComparer.Ordinal).ToList();

    private static async Task<List<JsonNode>> ChangesAsync(McpAgent agent)
    {
        // The feed shows a change once it has settled; read until the last change is there.
        for (var attempt = 0; ; attempt++)
        {
            var page = await agent.OkAsync("recent_changes", new { count = 1000 });
            var changes = ((JsonArray)page["changes"]!).Select(change => change!).ToList();
            if (changes.Any(change => (string?)change["operation"] == "Deleted") || attempt > 120)
            {
                return changes;
            }

            await Task.Delay(100);
        }
    }

    private static async Task<List<JsonNode>> ReadFeedAsync(HttpClient operatorClient, string tenantId)
    {
        for (var attempt = 0; ; attempt++)
        {
            var page = await operatorClient.SendJsonAsync(HttpMethod.Get, $"/operator/tenants/{tenantId}/changes?count=1000", null);
            page.AssertStatus(200);
            var changes = ((JsonArray)page.Body!["changes"]!).Select(change => change!).ToList();
            if (changes.Count > 0 || attempt > 120)
            {
                return changes;
            }

            await Task.Delay(100);
        }
    }

    private async Task<string> TokenIdAsync(string tenantId)
    {
        using var operatorClient = host.Operator();
        var tokens = await operatorClient.SendJsonAsync(HttpMethod.Get, $"/operator/tenants/{tenantId}/tokens", null);
        return (string)tokens.Body!["tokens"]![0]!["tokenId"]!;
    }
}
