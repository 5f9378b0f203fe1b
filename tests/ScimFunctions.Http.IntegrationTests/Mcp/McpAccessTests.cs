using System.Text.Json.Nodes;
using ScimFunctions.Http.IntegrationTests.Support;

namespace ScimFunctions.Http.IntegrationTests.Mcp;

/// <summary>
/// Least privilege on the MCP route: token scopes, tenant isolation, the tenant's policy (MCP switch, allowed
/// operations, quotas) and the rate limit it shares with the tenant's SCIM traffic.
/// </summary>
public sealed class McpAccessTests(ScimTestHost host) : IClassFixture<ScimTestHost>
{
    [Fact]
    public async Task A_read_token_reads_over_mcp_but_is_refused_on_write_tools_and_on_every_scim_route()
    {
        using var tenant = await host.CreateTenantAsync();
        var userId = await tenant.CreateUserAsync(Scim.UniqueName());
        var (readToken, readTokenId) = await IssueAsync(tenant.TenantId, "read");

        await using var agent = await McpAgent.ConnectAsync(host, tenant.TenantId, readToken);
        Assert.Equal(userId, (string?)(await agent.OkAsync("get_user", new { id = userId }))["id"]);
        Assert.Equal("read", (string?)(await agent.OkAsync("tenant_summary"))["tokenScope"]);
        await agent.ErrorAsync("create_user", new { userName = Scim.UniqueName() }, 403);
        await agent.ErrorAsync("delete_user", new { id = userId }, 403);
        await agent.ErrorAsync("add_group_members", new { groupId = "g", memberIds = new[] { userId } }, 403);
        (await tenant.GetAsync("/Users/" + userId)).AssertStatus(200);

        using var readScim = host.Client(readToken);
        (await readScim.SendJsonAsync(HttpMethod.Get, $"/scim/v2/{tenant.TenantId}/Users/{userId}", null)).AssertScimError(401);
        (await readScim.SendJsonAsync(HttpMethod.Get, "/scim/v2/Users", null)).AssertScimError(401);
        (await readScim.SendJsonAsync(HttpMethod.Get, $"/scim/v2/{tenant.TenantId}/ServiceProviderConfig", null)).AssertScimError(401);

        using var operatorClient = host.Operator();
        var tokens = (JsonArray)(await operatorClient.SendJsonAsync(HttpMethod.Get, $"/operator/tenants/{tenant.TenantId}/tokens", null)).Body!["tokens"]!;
        Assert.Equal("read", (string?)tokens.Single(token => (string?)token!["tokenId"] == readTokenId)!["scope"]);
        Assert.Equal("scim", (string?)tokens.First(token => (string?)token!["tokenId"] != readTokenId)!["scope"]);
    }

    [Fact]
    public async Task A_write_token_changes_users_over_mcp_and_rotating_it_keeps_its_scope()
    {
        using var tenant = await host.CreateTenantAsync();
        var (writeToken, writeTokenId) = await IssueAsync(tenant.TenantId, "write");
        await using (var agent = await McpAgent.ConnectAsync(host, tenant.TenantId, writeToken))
        {
            var id = (string)(await agent.OkAsync("create_user", new { userName = Scim.UniqueName() }))["id"]!;
            (await tenant.GetAsync("/Users/" + id)).AssertStatus(200);
        }

        using var operatorClient = host.Operator();
        var rotated = await operatorClient.SendJsonAsync(HttpMethod.Post, $"/operator/tenants/{tenant.TenantId}/tokens/rotate", new JsonObject { ["tokenId"] = writeTokenId, ["overlapHours"] = 0 }, "application/json");
        rotated.AssertStatus(201);
        Assert.Equal("write", (string?)rotated.Body!["scope"]);
        using var rotatedScim = host.Client((string)rotated.Body["token"]!);
        (await rotatedScim.SendJsonAsync(HttpMethod.Get, $"/scim/v2/{tenant.TenantId}/Users", null)).AssertScimError(401);
    }

    [Fact]
    public async Task Tenant_b_token_on_tenant_a_route_is_401_and_a_ids_are_not_found_with_b_tools()
    {
        using var a = await host.CreateTenantAsync();
        using var b = await host.CreateTenantAsync();
        var aUser = await a.CreateUserAsync(Scim.UniqueName());
        var aGroup = await a.CreateGroupAsync("A group", aUser);

        using (var refused = await McpAgent.RawInitializeAsync(host, a.TenantId, b.Token))
        {
            Assert.Equal(401, (int)refused.StatusCode);
        }

        using (var anonymous = await McpAgent.RawInitializeAsync(host, a.TenantId, null))
        {
            Assert.Equal(401, (int)anonymous.StatusCode);
        }

        await Assert.ThrowsAnyAsync<Exception>(async () => await McpAgent.ConnectAsync(host, a.TenantId, b.Token));

        // Stateless: no session stream to open or close.
        using var get = host.Client(a.Token);
        (await get.SendJsonAsync(HttpMethod.Get, "/mcp/" + a.TenantId, null)).AssertScimError(405);

        await using var agent = await McpAgent.ConnectAsync(host, b.TenantId, b.Token);
        await agent.ErrorAsync("get_user", new { id = aUser }, 404);
        await agent.ErrorAsync("get_group", new { id = aGroup }, 404);
        await agent.ErrorAsync("update_user", new { id = aUser, operations = new object[] { new { op = "replace", path = "displayName", value = "x" } } }, 404);
        await agent.ErrorAsync("delete_user", new { id = aUser }, 404);
        await agent.ErrorAsync("add_group_members", new { groupId = aGroup, memberIds = new[] { aUser } }, 404);
        Assert.Equal(0, (int)(await agent.OkAsync("search_users", new { filter = "id eq \"" + aUser + "\"" }))["totalResults"]!);
        (await a.GetAsync("/Users/" + aUser)).AssertStatus(200);
    }

    [Fact]
    public async Task A_quota_or_a_read_only_tenant_refuses_an_agent_change_as_a_tool_error()
    {
        using var capped = await host.CreateTenantAsync(policy: new JsonObject { ["maxUsers"] = 1 });
        await using (var agent = await McpAgent.ConnectAsync(host, capped.TenantId, capped.Token))
        {
            await agent.OkAsync("create_user", new { userName = Scim.UniqueName() });
            var refused = await agent.ErrorAsync("create_user", new { userName = Scim.UniqueName() }, 400);
            Assert.Contains("quota", (string?)refused["detail"], StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(1, (int)(await capped.GetAsync("/Users?count=0")).Body!["totalResults"]!);

        using var readOnly = await host.CreateTenantAsync(policy: new JsonObject { ["allowedOperations"] = "Read" });
        await using (var agent = await McpAgent.ConnectAsync(host, readOnly.TenantId, readOnly.Token))
        {
            await agent.ErrorAsync("create_user", new { userName = Scim.UniqueName() }, 403);
            await agent.OkAsync("search_users");
        }
    }

    [Fact]
    public async Task The_tenant_rate_limit_is_shared_with_scim_and_answers_429()
    {
        using var tenant = await host.CreateTenantAsync(policy: new JsonObject { ["requestsPerSecond"] = 1 });
        var statuses = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await tenant.GetAsync("/ServiceProviderConfig")).StatusCode);
        }

        Assert.Contains(429, statuses);
        using var limited = await McpAgent.RawInitializeAsync(host, tenant.TenantId, tenant.Token);
        Assert.Equal(429, (int)limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
    }

    [Fact]
    public async Task Turning_mcp_off_in_the_tenant_policy_answers_403_for_every_token_and_leaves_scim_alone()
    {
        using var tenant = await host.CreateTenantAsync();
        var (writeToken, _) = await IssueAsync(tenant.TenantId, "write");
        using (var allowed = await McpAgent.RawInitializeAsync(host, tenant.TenantId, tenant.Token))
        {
            Assert.Equal(200, (int)allowed.StatusCode);
        }

        using var operatorClient = host.Operator();
        var policy = await operatorClient.SendJsonAsync(HttpMethod.Put, $"/operator/tenants/{tenant.TenantId}/policy", new JsonObject { ["mcpEnabled"] = false }, "application/json");
        policy.AssertStatus(200);

        using (var scimToken = await McpAgent.RawInitializeAsync(host, tenant.TenantId, tenant.Token))
        {
            Assert.Equal(403, (int)scimToken.StatusCode);
        }

        using (var agentToken = await McpAgent.RawInitializeAsync(host, tenant.TenantId, writeToken))
        {
            Assert.Equal(403, (int)agentToken.StatusCode);
        }

        (await tenant.GetAsync("/Users")).AssertStatus(200);
    }

    [Fact]
    public async Task A_body_over_the_tenant_limit_or_with_a_repeated_member_name_is_refused_before_any_tool_runs()
    {
        using var tenant = await host.CreateTenantAsync(policy: new JsonObject { ["maxRequestBytes"] = 2048 });
        using var http = host.Client(tenant.Token);

        async Task<int> PostAsync(string body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp/" + tenant.TenantId) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Accept.ParseAdd("application/json, text/event-stream");
            using var response = await http.SendAsync(request);
            return (int)response.StatusCode;
        }

        var userName = Scim.UniqueName();
        var create = """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"create_user","arguments":{"userName":"USER","displayName":"PAD"}}}""";
        Assert.Equal(413, await PostAsync(create.Replace("USER", userName, StringComparison.Ordinal).Replace("PAD", new string('x', 4096), StringComparison.Ordinal)));
        Assert.Equal(400, await PostAsync(create.Replace("USER", userName, StringComparison.Ordinal).Replace("\"displayName\":\"PAD\"", "\"displayName\":\"a\",\"DISPLAYNAME\":\"b\"", StringComparison.Ordinal)));
        Assert.Equal(0, (int)(await tenant.GetAsync("/Users?count=0")).Body!["totalResults"]!);
        Assert.Equal(200, await PostAsync(create.Replace("USER", userName, StringComparison.Ordinal).Replace("PAD", "ok", StringComparison.Ordinal)));
        Assert.Equal(1, (int)(await tenant.GetAsync("/Users?count=0")).Body!["totalResults"]!);
    }

    private async Task<(string Token, string TokenId)> IssueAsync(string tenantId, string scope)
    {
        using var operatorClient = host.Operator();
        var issued = await operatorClient.SendJsonAsync(HttpMethod.Post, $"/operator/tenants/{tenantId}/tokens", new JsonObject { ["scope"] = scope }, "application/json");
        issued.AssertStatus(201);
        return ((string)issued.Body!["token"]!, (string)issued.Body["tokenId"]!);
    }
}
