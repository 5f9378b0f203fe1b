using System.ComponentModel;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ScimFunctions.Core.Paging;
using ScimFunctions.Core.Resources;
using ScimFunctions.Core.Schemas;
using ScimFunctions.Http.Handlers;
using ScimFunctions.Http.Operator;
using ScimFunctions.Storage.Tables;
using ScimFunctions.Storage.Tokens;

namespace ScimFunctions.Http.Mcp;

/// <summary>One SCIM PATCH operation (RFC 7644 §3.5.2) as an MCP tool argument.</summary>
public sealed class McpPatchOperation
{
    [Description("add, replace or remove.")]
    public required string Op { get; init; }

    [Description("The SCIM attribute path, e.g. displayName, name.givenName, emails[type eq \"work\"].value; omit it to give an object of attributes as value.")]
    public string? Path { get; init; }

    [Description("The new value (any JSON); omit it for remove.")]
    public JsonElement? Value { get; init; }
}

/// <summary>
/// The MCP tools: one tenant's users, groups and change feed, for AI agents. Every tool runs the same
/// <see cref="TenantOperations"/> (validation, quotas, allowed operations, versions, uniqueness, change log) as the
/// SCIM route that does the same thing, as the token's tenant and nothing else; changes are logged with the token id
/// and the channel <c>mcp</c>. A failure is a tool error (<c>isError</c>) whose content is the RFC 7644 error document
/// (<c>status</c>, <c>scimType</c>, <c>detail</c>); never an exception's text.
/// </summary>
[McpServerToolType]
public sealed class McpDirectoryTools(McpCall call, ILogger<McpDirectoryTools> logger)
{
    /// <summary>Members shown per page by <c>get_group</c> unless the agent asks for another count (at most 1000).</summary>
    public const int DefaultMemberPage = 100;

    [McpServerTool(Name = "search_users", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Search this tenant's SCIM users. Returns a SCIM ListResponse (totalResults, Resources, and nextCursor when paging by cursor).")]
    public Task<CallToolResult> SearchUsers(
        [Description("SCIM filter (RFC 7644 §3.4.2.2), e.g. userName eq \"ada@example.com\" or name.familyName sw \"Lo\"; omit for all users.")] string? filter = null,
        [Description("Attributes to return, e.g. [\"userName\", \"emails\"]; omit for the default set.")] string[]? attributes = null,
        [Description("Attributes to leave out.")] string[]? excludedAttributes = null,
        [Description("Attribute to sort by, e.g. userName.")] string? sortBy = null,
        [Description("ascending or descending.")] string? sortOrder = null,
        [Description("1-based index of the first result (index paging).")] int? startIndex = null,
        [Description("Results per page.")] int? count = null,
        [Description("Cursor paging: empty string for the first page, then the nextCursor of the previous answer.")] string? cursor = null) =>
        SearchAsync(call.Request.Tenant.Schemas.User, filter, attributes, excludedAttributes, sortBy, sortOrder, startIndex, count, cursor);

    [McpServerTool(Name = "get_user", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Read one user of this tenant by id. meta.version is the version update_user and the other changes can be made conditional on.")]
    public Task<CallToolResult> GetUser(
        [Description("The user's id.")] string id,
        [Description("Attributes to return; omit for the default set.")] string[]? attributes = null) =>
        RunAsync(false, async operations =>
        {
            var type = operations.Tenant.Schemas.User;
            var selection = AttributeSelection.Parse(attributes, null, type);
            return operations.Render(type, await operations.GetAsync(type, id, selection), selection);
        });

    [McpServerTool(Name = "create_user", Destructive = false, OpenWorld = false)]
    [Description("Create a user in this tenant. userName must be unique in the tenant; the tenant's user quota applies. Returns the created user.")]
    public Task<CallToolResult> CreateUser(
        [Description("Unique login name, e.g. ada@example.com.")] string userName,
        [Description("Display name.")] string? displayName = null,
        [Description("Given (first) name.")] string? givenName = null,
        [Description("Family (last) name.")] string? familyName = null,
        [Description("Primary work email address.")] string? email = null,
        [Description("The id of the user in the system it comes from.")] string? externalId = null,
        [Description("Whether the user may sign in (default true).")] bool? active = null,
        [Description("Further SCIM User attributes as a JSON object (e.g. title, phoneNumbers, the enterprise extension); the named arguments above take precedence.")] JsonElement? attributes = null) =>
        RunAsync(true, async operations =>
        {
            var user = attributes is { ValueKind: JsonValueKind.Object } extra ? (JsonObject)JsonNode.Parse(extra.GetRawText())! : [];
            user["schemas"] ??= new JsonArray(ScimSchemaUrns.User);
            user["userName"] = userName;
            Set(user, "displayName", displayName);
            Set(user, "externalId", externalId);
            if (givenName is not null || familyName is not null)
            {
                var name = user["name"] as JsonObject ?? [];
                Set(name, "givenName", givenName);
                Set(name, "familyName", familyName);
                user["name"] = name;
            }

            if (email is not null)
            {
                user["emails"] = new JsonArray(new JsonObject { ["value"] = email, ["type"] = "work", ["primary"] = true });
            }

            if (active is { } isActive)
            {
                user["active"] = isActive;
            }

            var type = operations.Tenant.Schemas.User;
            return operations.Render(type, await operations.CreateAsync(type, user), AttributeSelection.Default);
        });

    [McpServerTool(Name = "update_user", Destructive = false, OpenWorld = false)]
    [Description("Change a user with SCIM PATCH operations, applied atomically (all or none). Give version (meta.version from get_user) to refuse the change if the user changed since (status 412).")]
    public Task<CallToolResult> UpdateUser(
        [Description("The user's id.")] string id,
        [Description("The PATCH operations, applied in order.")] McpPatchOperation[] operations,
        [Description("Only change the user if it still has this version (meta.version).")] string? version = null) =>
        PatchAsync(false, id, Operations(operations), version);

    [McpServerTool(Name = "deactivate_user", Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Set a user's active attribute to false (the user can no longer sign in; nothing is deleted).")]
    public Task<CallToolResult> DeactivateUser(
        [Description("The user's id.")] string id,
        [Description("Only change the user if it still has this version (meta.version).")] string? version = null) =>
        PatchAsync(false, id, [Operation("replace", "active", false)], version);

    [McpServerTool(Name = "reactivate_user", Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Set a user's active attribute to true again.")]
    public Task<CallToolResult> ReactivateUser(
        [Description("The user's id.")] string id,
        [Description("Only change the user if it still has this version (meta.version).")] string? version = null) =>
        PatchAsync(false, id, [Operation("replace", "active", true)], version);

    [McpServerTool(Name = "delete_user", Destructive = true, Idempotent = false, OpenWorld = false)]
    [Description("Delete a user permanently, with its group memberships. Prefer deactivate_user unless deletion is asked for.")]
    public Task<CallToolResult> DeleteUser(
        [Description("The user's id.")] string id,
        [Description("Only delete the user if it still has this version (meta.version).")] string? version = null) =>
        RunAsync(true, async operations =>
        {
            await operations.DeleteAsync(operations.Tenant.Schemas.User, id, version);
            return new JsonObject { ["deleted"] = id };
        });

    [McpServerTool(Name = "search_groups", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Search this tenant's SCIM groups. Members are left out unless attributes names them; use get_group to page through a group's members.")]
    public Task<CallToolResult> SearchGroups(
        [Description("SCIM filter, e.g. displayName eq \"Engineering\"; omit for all groups.")] string? filter = null,
        [Description("Attributes to return; omit for all but members.")] string[]? attributes = null,
        [Description("Attributes to leave out (default: members).")] string[]? excludedAttributes = null,
        [Description("Attribute to sort by, e.g. displayName.")] string? sortBy = null,
        [Description("ascending or descending.")] string? sortOrder = null,
        [Description("1-based index of the first result (index paging).")] int? startIndex = null,
        [Description("Results per page.")] int? count = null,
        [Description("Cursor paging: empty string for the first page, then the nextCursor of the previous answer.")] string? cursor = null) =>
        SearchAsync(call.Request.Tenant.Schemas.Group, filter, attributes, attributes is null && excludedAttributes is null ? ["members"] : excludedAttributes, sortBy, sortOrder, startIndex, count, cursor);

    [McpServerTool(Name = "get_group", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Read one group of this tenant with one page of its members (membersCount at a time, in member-id order); membersNextCursor reads the next page and is null after the last.")]
    public Task<CallToolResult> GetGroup(
        [Description("The group's id.")] string id,
        [Description("Members per page, 1-1000 (default 100).")] int? membersCount = null,
        [Description("The membersNextCursor of the previous page; omit for the first page.")] string? membersCursor = null) =>
        RunAsync(false, async operations =>
        {
            var type = operations.Tenant.Schemas.Group;
            var stored = await operations.GetAsync(type, id, AttributeSelection.Parse(null, "members", type));
            var page = await operations.Store.ReadMembersAsync(type, id, membersCursor, membersCount ?? DefaultMemberPage, call.Request.Aborted)
                ?? throw TenantOperations.NotFound(type.Name);
            var document = (JsonObject)stored.Resource.DeepClone();
            document["members"] = page.Members;
            var group = operations.Render(type, stored with { Resource = document }, AttributeSelection.Default);
            return new JsonObject { ["group"] = group, ["membersNextCursor"] = page.NextCursor };
        });

    [McpServerTool(Name = "add_group_members", Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Add users or groups of this tenant to a group (a member already there stays once).")]
    public Task<CallToolResult> AddGroupMembers(
        [Description("The group's id.")] string groupId,
        [Description("The ids of the users or groups to add.")] string[] memberIds,
        [Description("Only change the group if it still has this version (meta.version).")] string? version = null) =>
        PatchAsync(true, groupId, [Operation("add", "members", new JsonArray(memberIds.Select(member => (JsonNode)new JsonObject { ["value"] = member }).ToArray()))], version);

    [McpServerTool(Name = "remove_group_members", Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Remove members from a group (an id that is not a member is ignored).")]
    public Task<CallToolResult> RemoveGroupMembers(
        [Description("The group's id.")] string groupId,
        [Description("The ids of the members to remove.")] string[] memberIds,
        [Description("Only change the group if it still has this version (meta.version).")] string? version = null) =>
        PatchAsync(true, groupId, memberIds.Select(member => Operation("remove", "members[value eq " + JsonValue.Create(member).ToJsonString() + "]", null)).ToList(), version);

    [McpServerTool(Name = "recent_changes", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("This tenant's change feed in order: what changed (resource, operation, attributes), when, by which token (actor) and through which channel (scim for the identity provider, mcp for agents). Keep nextCursor to read only newer changes next time.")]
    public Task<CallToolResult> RecentChanges(
        [Description("The nextCursor of a previous answer; omit to read from the oldest change kept.")] string? cursor = null,
        [Description("Changes per page, 1-1000 (default 100).")] int? count = null) =>
        RunAsync(false, async operations =>
        {
            var page = await operations.Store.ReadChangesAsync(cursor, count ?? 100, call.Request.Aborted);
            return new JsonObject { ["changes"] = OperatorJson.Write(page.Changes), ["nextCursor"] = page.NextCursor };
        });

    [McpServerTool(Name = "tenant_summary", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("This tenant's user and group counts, its policy limits (quotas, rate limit, allowed operations) and which identity-provider compatibility switches are on, plus the scope of the token in use.")]
    public Task<CallToolResult> TenantSummary() =>
        RunAsync(false, async operations =>
        {
            var tenant = operations.Tenant;
            return new JsonObject
            {
                ["tenant"] = tenant.Id.Value,
                ["users"] = await operations.Store.CountAsync(tenant.Schemas.User, call.Request.Aborted),
                ["groups"] = await operations.Store.CountAsync(tenant.Schemas.Group, call.Request.Aborted),
                ["policy"] = OperatorJson.Write(tenant.Policy),
                ["compatibility"] = OperatorJson.Write(tenant.Compatibility),
                ["tokenScope"] = TokenScopes.Name(tenant.Scope),
            };
        });

    private Task<CallToolResult> SearchAsync(ResourceTypeDefinition type, string? filter, string[]? attributes, string[]? excludedAttributes, string? sortBy, string? sortOrder, int? startIndex, int? count, string? cursor) =>
        RunAsync(false, operations =>
        {
            // The SearchRequest body a SCIM client would POST to …/.search, read by the same parser.
            var body = new JsonObject { ["schemas"] = new JsonArray(ScimSchemaUrns.SearchRequest) };
            Set(body, "filter", filter);
            Set(body, "sortBy", sortBy);
            Set(body, "sortOrder", sortOrder);
            Set(body, "cursor", cursor);
            if (attributes is not null)
            {
                body["attributes"] = new JsonArray(attributes.Select(name => (JsonNode?)name).ToArray());
            }

            if (excludedAttributes is not null)
            {
                body["excludedAttributes"] = new JsonArray(excludedAttributes.Select(name => (JsonNode?)name).ToArray());
            }

            if (startIndex is { } index)
            {
                body["startIndex"] = index;
            }

            if (count is { } size)
            {
                body["count"] = size;
            }

            return AsNode(operations.QueryAsync(type, ScimQuery.FromSearchRequest(body, type, PagingLimits.Default, operations.Tenant.Compatibility)));
        });

    // A PATCH of a user (or, for the member tools, a group), answered with the resource as it now is.
    private Task<CallToolResult> PatchAsync(bool group, string id, IReadOnlyList<JsonObject> operations, string? version) =>
        RunAsync(true, async tenant =>
        {
            var type = group ? tenant.Tenant.Schemas.Group : tenant.Tenant.Schemas.User;
            var body = new JsonObject
            {
                ["schemas"] = new JsonArray(ScimSchemaUrns.PatchOp),
                ["Operations"] = new JsonArray(operations.Cast<JsonNode>().ToArray()),
            };
            var patched = await tenant.PatchAsync(type, id, body, version);
            var selection = group ? AttributeSelection.Parse(null, "members", type) : AttributeSelection.Default;
            return tenant.Render(type, patched, selection);
        });

    private static List<JsonObject> Operations(McpPatchOperation[]? operations) =>
        (operations ?? []).Select(operation => Operation(operation.Op, operation.Path, operation.Value is { } value ? JsonNode.Parse(value.GetRawText()) : null)).ToList();

    private static JsonObject Operation(string op, string? path, JsonNode? value)
    {
        var operation = new JsonObject { ["op"] = op };
        Set(operation, "path", path);
        if (value is not null)
        {
            operation["value"] = value;
        }

        return operation;
    }

    private static void Set(JsonObject target, string name, string? value)
    {
        if (value is not null)
        {
            target[name] = value;
        }
    }

    private static async Task<JsonNode> AsNode(Task<JsonObject> work) => await work;

    /// <summary>
    /// Runs one tool as the authenticated token: a write tool needs a <c>write</c> or <c>scim</c> token. The answer is
    /// the JSON result (as text and as structured content), or a tool error with the SCIM error document.
    /// </summary>
    private async Task<CallToolResult> RunAsync(bool writes, Func<TenantOperations, Task<JsonNode>> tool)
    {
        var request = call.Request;
        try
        {
            if (writes && request.Tenant.Scope == TokenScope.Read)
            {
                throw ScimException.Forbidden("This token may only read: its scope is 'read'. A 'write' token can change users and groups.");
            }

            return Result(await tool(await request.OperationsAsync()), isError: false);
        }
        catch (ScimException error)
        {
            // The detail may quote the agent's filter or values: the log gets its kind only, as on the SCIM routes.
            logger.LogInformation("MCP tool answered {Status} {ScimType}", error.Status, error.ScimType?.Value);
            return Result(error.ToErrorDocument(), isError: true);
        }
        catch (Exception fault) when (StorageErrors.IsUnavailable(fault, request.Aborted))
        {
            logger.LogWarning("Storage or vault unavailable: {Fault}", ScimEndpoints.FaultText(fault));
            return Result(ScimException.ServiceUnavailable("The service is temporarily unavailable; retry later.").ToErrorDocument(), isError: true);
        }
        catch (OperationCanceledException) when (request.Aborted.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A tool's unexpected fault becomes a generic tool error without exception text, like the SCIM routes' 500.
        catch (Exception fault)
#pragma warning restore CA1031
        {
            logger.LogError("Unhandled fault in an MCP tool: {Fault}", ScimEndpoints.FaultText(fault));
            return Result(new ScimException(500, null, "An internal error occurred. Quote the X-Request-Id header when reporting it.").ToErrorDocument(), isError: true);
        }
    }

    private static CallToolResult Result(JsonNode value, bool isError) => new()
    {
        Content = [new TextContentBlock { Text = value.ToJsonString() }],
        StructuredContent = JsonSerializer.SerializeToElement(value),
        IsError = isError,
    };
}
