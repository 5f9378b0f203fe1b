using System.Text.Json.Nodes;
using ScimFunctions.Core;
using ScimFunctions.FunctionApp.Tests.Support;
using ScimFunctions.Testing;

namespace ScimFunctions.FunctionApp.Tests;

/// <summary>
/// Every function of the built Function App, invoked through the app's own composition against Azurite, answers what
/// the local host answers for the same request (status, headers, body, once ids, times, versions and request ids are
/// normalised) and the status the request deserves. A dropped service registration, a setting the app does not read,
/// a function that calls the wrong handler or routes differently fails here.
/// </summary>
public sealed class FunctionInvocationTests
{
    private const string Operator = HostPair.OperatorKey;
    private const string Tenant = "{token}";

    [Fact]
    public async Task Every_function_answers_like_the_local_host()
    {
        await using var hosts = await HostPair.StartAsync();
        var problems = new List<string>();
        var tenantId = TestNames.TenantId("fa");
        var scim = $"/scim/v2/{tenantId}";
        var ops = $"/operator/tenants/{tenantId}";

        async Task<Exchange> Step(string function, int status, string method, string path, JsonNode? body = null, string? bearer = Tenant, string contentType = "application/scim+json", params (string Name, string Property)[] captures)
        {
            var exchange = await hosts.SendAsync(method, path, body, bearer, contentType);
            foreach (var (name, property) in captures)
            {
                hosts.Capture(exchange, name, property); // minted by each host: compared as {name}
            }

            if (exchange.Function != function)
            {
                problems.Add($"{exchange.Label}: the Function App routed it to {exchange.Function}, expected {function}.");
            }

            if (exchange.FunctionApp.Status != status)
            {
                problems.Add($"{exchange.Label}: the Function App answered {exchange.FunctionApp.Status}, expected {status}: {exchange.FunctionApp.Body}");
            }

            problems.AddRange(hosts.Differences(exchange));
            return exchange;
        }

        await Step("CreateTenant", 201, "POST", "/operator/tenants", new JsonObject { ["id"] = tenantId, ["displayName"] = "Parity" }, Operator, "application/json");
        await Step("GetTenant", 200, "GET", ops, bearer: Operator);
        await Step("ListTenants", 200, "GET", "/operator/tenants", bearer: Operator);
        await Step("SetTenantPolicy", 200, "PUT", ops + "/policy", new JsonObject { ["requestsPerSecond"] = 100 }, Operator, "application/json");
        await Step("SetTenantCompatibility", 200, "PUT", ops + "/compatibility", new JsonObject { ["patchReturnsNoContent"] = false }, Operator, "application/json");
        await Step("SetTenantSchemas", 200, "PUT", ops + "/schemas", new JsonObject(), Operator, "application/json");
        await Step("IssueToken", 201, "POST", ops + "/tokens", bearer: Operator, captures: [("token", "token"), ("tokenId", "tokenId")]);
        await Step("ListTokens", 200, "GET", ops + "/tokens", bearer: Operator);
        await Step("GetTenantMove", 404, "GET", ops + "/move", bearer: Operator);
        await Step("MoveTenant", 400, "POST", ops + "/move", new JsonObject { ["to"] = "mars" }, Operator, "application/json");
        await Step("RollBackTenantMove", 404, "POST", ops + "/move/rollback", new JsonObject(), Operator, "application/json");

        await Step("GetServiceProviderConfig", 200, "GET", scim + "/ServiceProviderConfig");
        await Step("ListResourceTypes", 200, "GET", scim + "/ResourceTypes");
        await Step("GetResourceType", 200, "GET", scim + "/ResourceTypes/User");
        await Step("ListSchemas", 200, "GET", scim + "/Schemas");
        await Step("GetSchema", 200, "GET", scim + "/Schemas/" + ScimSchemaUrns.User);

        var userName = $"parity.{Guid.NewGuid():N}@example.com";
        await Step("CreateUser", 201, "POST", scim + "/Users", User(userName), captures: ("user", "id"));
        await Step("GetUser", 200, "GET", scim + "/Users/{user}");
        await Step("ListUsers", 200, "GET", scim + "/Users?filter=" + Uri.EscapeDataString($"userName eq \"{userName}\""));
        await Step("SearchUsers", 200, "POST", scim + "/Users/.search", new JsonObject { ["schemas"] = new JsonArray(ScimSchemaUrns.SearchRequest), ["filter"] = $"userName eq \"{userName}\"" });
        await Step("ReplaceUser", 200, "PUT", scim + "/Users/{user}", User(userName, displayName: "Replaced"));
        await Step("PatchUser", 200, "PATCH", scim + "/Users/{user}", Patch("replace", "active", false));

        await Step("CreateGroup", 201, "POST", scim + "/Groups", Group("Parity group", "{user}"), captures: ("group", "id"));
        await Step("GetGroup", 200, "GET", scim + "/Groups/{group}");
        await Step("ListGroups", 200, "GET", scim + "/Groups");
        await Step("SearchGroups", 200, "POST", scim + "/Groups/.search", new JsonObject { ["schemas"] = new JsonArray(ScimSchemaUrns.SearchRequest), ["filter"] = "displayName eq \"Parity group\"" });
        await Step("ReplaceGroup", 200, "PUT", scim + "/Groups/{group}", Group("Parity group 2", "{user}"));
        await Step("PatchGroup", 200, "PATCH", scim + "/Groups/{group}", Patch("replace", "displayName", "Parity group 3"));
        await Step("SearchAll", 200, "POST", scim + "/.search", new JsonObject { ["schemas"] = new JsonArray(ScimSchemaUrns.SearchRequest), ["filter"] = $"userName eq \"{userName}\"" });
        await Step("Bulk", 200, "POST", scim + "/Bulk", new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemaUrns.BulkRequest),
            ["Operations"] = new JsonArray(new JsonObject { ["method"] = "POST", ["path"] = "/Users", ["bulkId"] = "b1", ["data"] = User($"bulk.{Guid.NewGuid():N}@example.com") }),
        });
        await Step("Me", 501, "GET", scim + "/Me");

        // MCP: one stateless Streamable HTTP conversation (each message its own POST), answered alike by both hosts.
        async Task McpStep(int status, JsonNode message, string? bearer = Tenant)
        {
            var exchange = await hosts.SendAsync("POST", "/mcp/" + tenantId, message, bearer, "application/json", "application/json, text/event-stream");
            if (exchange.Function != "Mcp" || exchange.FunctionApp.Status != status)
            {
                problems.Add($"{exchange.Label}: the Function App's {exchange.Function} answered {exchange.FunctionApp.Status}, expected Mcp and {status}: {exchange.FunctionApp.Body}");
            }

            problems.AddRange(hosts.Differences(exchange));
        }

        await McpStep(200, JsonRpc(1, "initialize", new JsonObject { ["protocolVersion"] = "2025-06-18", ["capabilities"] = new JsonObject(), ["clientInfo"] = new JsonObject { ["name"] = "parity", ["version"] = "1" } }));
        await McpStep(200, JsonRpc(2, "tools/list", new JsonObject()));
        await McpStep(200, JsonRpc(3, "tools/call", new JsonObject { ["name"] = "get_user", ["arguments"] = new JsonObject { ["id"] = "{user}" } }));
        await McpStep(200, JsonRpc(4, "tools/call", new JsonObject { ["name"] = "search_users", ["arguments"] = new JsonObject { ["filter"] = $"userName eq \"{userName}\"" } }));
        await McpStep(401, JsonRpc(5, "tools/list", new JsonObject()), bearer: "scim_wrong_" + new string('a', 64));

        // The same routes without the tenant segment: the token names the tenant.
        const string byToken = "/scim/v2";
        await Step("GetServiceProviderConfigByToken", 200, "GET", byToken + "/ServiceProviderConfig");
        await Step("ListResourceTypesByToken", 200, "GET", byToken + "/ResourceTypes");
        await Step("GetResourceTypeByToken", 200, "GET", byToken + "/ResourceTypes/Group");
        await Step("ListSchemasByToken", 200, "GET", byToken + "/Schemas");
        await Step("GetSchemaByToken", 200, "GET", byToken + "/Schemas/" + ScimSchemaUrns.Group);
        var tokenUserName = $"parity.token.{Guid.NewGuid():N}@example.com";
        await Step("CreateUserByToken", 201, "POST", byToken + "/Users", User(tokenUserName), captures: ("tokenUser", "id"));
        await Step("GetUserByToken", 200, "GET", byToken + "/Users/{tokenUser}");
        await Step("ListUsersByToken", 200, "GET", byToken + "/Users?filter=" + Uri.EscapeDataString($"userName eq \"{tokenUserName}\""));
        await Step("SearchUsersByToken", 200, "POST", byToken + "/Users/.search", new JsonObject { ["schemas"] = new JsonArray(ScimSchemaUrns.SearchRequest), ["filter"] = $"userName eq \"{tokenUserName}\"" });
        await Step("ReplaceUserByToken", 200, "PUT", byToken + "/Users/{tokenUser}", User(tokenUserName, displayName: "Replaced"));
        await Step("PatchUserByToken", 200, "PATCH", byToken + "/Users/{tokenUser}", Patch("replace", "active", false));
        await Step("CreateGroupByToken", 201, "POST", byToken + "/Groups", Group("Token group", "{tokenUser}"), captures: ("tokenGroup", "id"));
        await Step("GetGroupByToken", 200, "GET", byToken + "/Groups/{tokenGroup}");
        await Step("ListGroupsByToken", 200, "GET", byToken + "/Groups");
        await Step("SearchGroupsByToken", 200, "POST", byToken + "/Groups/.search", new JsonObject { ["schemas"] = new JsonArray(ScimSchemaUrns.SearchRequest), ["filter"] = "displayName eq \"Token group\"" });
        await Step("ReplaceGroupByToken", 200, "PUT", byToken + "/Groups/{tokenGroup}", Group("Token group 2", "{tokenUser}"));
        await Step("PatchGroupByToken", 200, "PATCH", byToken + "/Groups/{tokenGroup}", Patch("replace", "displayName", "Token group 3"));
        await Step("SearchAllByToken", 200, "POST", byToken + "/.search", new JsonObject { ["schemas"] = new JsonArray(ScimSchemaUrns.SearchRequest), ["filter"] = $"userName eq \"{tokenUserName}\"" });
        await Step("BulkByToken", 200, "POST", byToken + "/Bulk", new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemaUrns.BulkRequest),
            ["Operations"] = new JsonArray(new JsonObject { ["method"] = "POST", ["path"] = "/Users", ["bulkId"] = "b2", ["data"] = User($"bulk.{Guid.NewGuid():N}@example.com") }),
        });
        await Step("MeByToken", 501, "GET", byToken + "/Me");
        await Step("GetUserByToken", 404, "GET", byToken + "/Users/Users"); // a literal segment wins over {tenantId}
        await Step("ListUsersByToken", 401, "GET", byToken + "/Users", bearer: "scim_wrong_" + new string('a', 64));
        await Step("GetGroupByToken", 401, "GET", byToken + "/Groups/{tokenGroup}", bearer: null);
        await Step("DeleteGroupByToken", 204, "DELETE", byToken + "/Groups/{tokenGroup}");
        await Step("DeleteUserByToken", 204, "DELETE", byToken + "/Users/{tokenUser}");

        // Failing authentication: a wrong tenant token, no operator key, a tenant token on the operator API.
        await Step("ListUsers", 401, "GET", scim + "/Users", bearer: "scim_wrong_" + new string('a', 64));
        await Step("GetUser", 401, "GET", scim + "/Users/{user}", bearer: null);
        await Step("ListTenants", 401, "GET", "/operator/tenants", bearer: Tenant);

        // Events: the operator's resource reads and the webhook routes (an unknown webhook id answers 404 on both hosts).
        await Step("OperatorGetUser", 200, "GET", ops + "/Users/{user}", bearer: Operator);
        await Step("OperatorGetGroup", 200, "GET", ops + "/Groups/{group}", bearer: Operator);
        await Step("ListWebhooks", 200, "GET", "/operator/webhooks", bearer: Operator);
        await Step("AddWebhook", 400, "POST", "/operator/webhooks", new JsonObject { ["url"] = "http://example.com/hook" }, Operator, "application/json");
        const string noWebhook = "/operator/webhooks/wh_000000000000000000000000";
        await Step("RemoveWebhook", 404, "DELETE", noWebhook, bearer: Operator);
        await Step("RotateWebhookSecret", 404, "POST", noWebhook + "/rotate-secret", bearer: Operator);
        await Step("TestWebhook", 404, "POST", noWebhook + "/test", bearer: Operator);
        await Step("ReplayWebhook", 404, "POST", noWebhook + "/replay", new JsonObject { ["from"] = "evt_0" }, Operator, "application/json");

        await Step("DeleteGroup", 204, "DELETE", scim + "/Groups/{group}");
        await Step("DeleteUser", 204, "DELETE", scim + "/Users/{user}");
        await Step("GetUser", 404, "GET", scim + "/Users/{user}");
        await Step("ReadChanges", 200, "GET", ops + "/changes?count=100", bearer: Operator);
        await Step("ReadAudit", 200, "GET", ops + "/audit?count=100", bearer: Operator);

        await Step("RotateToken", 201, "POST", ops + "/tokens/rotate", new JsonObject { ["overlapHours"] = 0 }, Operator, "application/json", ("rotated", "tokenId"));
        await Step("RevokeToken", 204, "DELETE", ops + "/tokens/{rotated}", bearer: Operator);
        await Step("SuspendTenant", 200, "POST", ops + "/suspend", bearer: Operator);
        await Step("ResumeTenant", 200, "POST", ops + "/resume", bearer: Operator);
        await Step("DeleteTenant", 204, "DELETE", ops, bearer: Operator);

        await Step("Health", 200, "GET", "/health", bearer: null);
        await Step("NotFound", 404, "GET", "/no/such/path", bearer: null);
        await Step("NotFound", 405, "DELETE", scim + "/ServiceProviderConfig");

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        // Every HTTP function (the queue and timer functions of event delivery run EventWorker, tested through the local host).
        Assert.Equal(
            FunctionMetadata.Built.Select(f => f.Name).Except(RouteParity.BackgroundFunctions.Select(b => b.Name)).Order(StringComparer.Ordinal),
            hosts.FunctionApp.Invoked.Distinct().Order(StringComparer.Ordinal));
    }

    private static JsonObject JsonRpc(int id, string method, JsonObject parameters) => new()
    {
        ["jsonrpc"] = "2.0",
        ["id"] = id,
        ["method"] = method,
        ["params"] = parameters,
    };

    private static JsonObject User(string userName, string displayName = "Parity User") => new()
    {
        ["schemas"] = new JsonArray(ScimSchemaUrns.User),
        ["userName"] = userName,
        ["externalId"] = "ext-" + userName,
        ["displayName"] = displayName,
        ["active"] = true,
        ["name"] = new JsonObject { ["givenName"] = "Parity", ["familyName"] = "User" },
        ["emails"] = new JsonArray(new JsonObject { ["type"] = "work", ["value"] = userName, ["primary"] = true }),
    };

    private static JsonObject Group(string displayName, string memberId) => new()
    {
        ["schemas"] = new JsonArray(ScimSchemaUrns.Group),
        ["displayName"] = displayName,
        ["members"] = new JsonArray(new JsonObject { ["value"] = memberId }),
    };

    private static JsonObject Patch(string op, string path, JsonNode value) => new()
    {
        ["schemas"] = new JsonArray(ScimSchemaUrns.PatchOp),
        ["Operations"] = new JsonArray(new JsonObject { ["op"] = op, ["path"] = path, ["value"] = value }),
    };
}
