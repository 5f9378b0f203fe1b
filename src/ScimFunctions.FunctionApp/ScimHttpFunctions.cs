namespace ScimFunctions.FunctionApp;

/// <summary>
/// One HTTP function per entry of the HTTP layer's route table (<c>ScimRoutes.All</c>), of the same name, methods and
/// template: the Functions host routes on these attributes, and each function hands its request to
/// <see cref="ScimFunction.RunAsync"/>. <c>FunctionMetadataParityTests</c> checks this list against the route table.
/// </summary>
public static class ScimHttpFunctions
{
    // SCIM Users (RFC 7644 §3.3–§3.6).
    [Function("ListUsers")]
    public static Task ListUsers([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "scim/v2/{tenantId}/Users")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("CreateUser")]
    public static Task CreateUser([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "scim/v2/{tenantId}/Users")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("SearchUsers")]
    public static Task SearchUsers([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "scim/v2/{tenantId}/Users/.search")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("GetUser")]
    public static Task GetUser([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "scim/v2/{tenantId}/Users/{id}")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("ReplaceUser")]
    public static Task ReplaceUser([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "scim/v2/{tenantId}/Users/{id}")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("PatchUser")]
    public static Task PatchUser([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "scim/v2/{tenantId}/Users/{id}")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("DeleteUser")]
    public static Task DeleteUser([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "scim/v2/{tenantId}/Users/{id}")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    // SCIM Groups (RFC 7644 §3.3–§3.6).
    [Function("ListGroups")]
    public static Task ListGroups([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "scim/v2/{tenantId}/Groups")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("CreateGroup")]
    public static Task CreateGroup([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "scim/v2/{tenantId}/Groups")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("SearchGroups")]
    public static Task SearchGroups([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "scim/v2/{tenantId}/Groups/.search")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("GetGroup")]
    public static Task GetGroup([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "scim/v2/{tenantId}/Groups/{id}")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("ReplaceGroup")]
    public static Task ReplaceGroup([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "scim/v2/{tenantId}/Groups/{id}")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("PatchGroup")]
    public static Task PatchGroup([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "scim/v2/{tenantId}/Groups/{id}")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("DeleteGroup")]
    public static Task DeleteGroup([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "scim/v2/{tenantId}/Groups/{id}")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    // Root search, bulk and /Me of a tenant (RFC 7644 §3.4.3, §3.7, §3.11).
    [Function("SearchAll")]
    public static Task SearchAll([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "scim/v2/{tenantId}/.search")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("Bulk")]
    public static Task Bulk([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "scim/v2/{tenantId}/Bulk")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("Me")]
    public static Task Me([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "put", "patch", "delete", Route = "scim/v2/{tenantId}/Me")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    // A tenant's discovery documents (RFC 7644 §4); GET only, the fallback answers 405 otherwise.
    [Function("GetServiceProviderConfig")]
    public static Task GetServiceProviderConfig([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "scim/v2/{tenantId}/ServiceProviderConfig")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("ListResourceTypes")]
    public static Task ListResourceTypes([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "scim/v2/{tenantId}/ResourceTypes")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("GetResourceType")]
    public static Task GetResourceType([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "scim/v2/{tenantId}/ResourceTypes/{name}")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("ListSchemas")]
    public static Task ListSchemas([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "scim/v2/{tenantId}/Schemas")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("GetSchema")]
    public static Task GetSchema([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "scim/v2/{tenantId}/Schemas/{urn}")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    // Every SCIM route once more without the tenant segment: the bearer token's scim_{tenantId}_ prefix names the tenant.
    [Function("ListUsersByToken")]
    public static Task ListUsersByToken([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "scim/v2/Users")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("CreateUserByToken")]
    public static Task CreateUserByToken([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "scim/v2/Users")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("SearchUsersByToken")]
    public static Task SearchUsersByToken([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "scim/v2/Users/.search")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("GetUserByToken")]
    public static Task GetUserByToken([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "scim/v2/Users/{id}")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("ReplaceUserByToken")]
    public static Task ReplaceUserByToken([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "scim/v2/Users/{id}")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("PatchUserByToken")]
    public static Task PatchUserByToken([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "scim/v2/Users/{id}")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("DeleteUserByToken")]
    public static Task DeleteUserByToken([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "scim/v2/Users/{id}")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("ListGroupsByToken")]
    public static Task ListGroupsByToken([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "scim/v2/Groups")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("CreateGroupByToken")]
    public static Task CreateGroupByToken([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "scim/v2/Groups")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("SearchGroupsByToken")]
    public static Task SearchGroupsByToken([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "scim/v2/Groups/.search")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("GetGroupByToken")]
    public static Task GetGroupByToken([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "scim/v2/Groups/{id}")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("ReplaceGroupByToken")]
    public static Task ReplaceGroupByToken([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "scim/v2/Groups/{id}")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("PatchGroupByToken")]
    public static Task PatchGroupByToken([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "scim/v2/Groups/{id}")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("DeleteGroupByToken")]
    public static Task DeleteGroupByToken([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "scim/v2/Groups/{id}")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("SearchAllByToken")]
    public static Task SearchAllByToken([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "scim/v2/.search")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("BulkByToken")]
    public static Task BulkByToken([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "scim/v2/Bulk")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("MeByToken")]
    public static Task MeByToken([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "put", "patch", "delete", Route = "scim/v2/Me")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("GetServiceProviderConfigByToken")]
    public static Task GetServiceProviderConfigByToken([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "scim/v2/ServiceProviderConfig")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("ListResourceTypesByToken")]
    public static Task ListResourceTypesByToken([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "scim/v2/ResourceTypes")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("GetResourceTypeByToken")]
    public static Task GetResourceTypeByToken([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "scim/v2/ResourceTypes/{name}")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("ListSchemasByToken")]
    public static Task ListSchemasByToken([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "scim/v2/Schemas")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("GetSchemaByToken")]
    public static Task GetSchemaByToken([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "scim/v2/Schemas/{urn}")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    // MCP for AI agents: a tenant's directory as tools (stateless Streamable HTTP, docs/mcp.md).
    [Function("Mcp")]
    public static Task Mcp([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "mcp/{tenantId}")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    // The operator API (tenants, policies, tokens, change log). Under /operator: the Functions host reserves /admin.
    [Function("ListTenants")]
    public static Task ListTenants([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "operator/tenants")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("CreateTenant")]
    public static Task CreateTenant([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "operator/tenants")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("GetTenant")]
    public static Task GetTenant([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "operator/tenants/{tenantId}")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("DeleteTenant")]
    public static Task DeleteTenant([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "operator/tenants/{tenantId}")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("SuspendTenant")]
    public static Task SuspendTenant([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "operator/tenants/{tenantId}/suspend")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("ResumeTenant")]
    public static Task ResumeTenant([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "operator/tenants/{tenantId}/resume")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("SetTenantPolicy")]
    public static Task SetTenantPolicy([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "operator/tenants/{tenantId}/policy")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("SetTenantCompatibility")]
    public static Task SetTenantCompatibility([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "operator/tenants/{tenantId}/compatibility")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("SetTenantSchemas")]
    public static Task SetTenantSchemas([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "operator/tenants/{tenantId}/schemas")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("MoveTenant")]
    public static Task MoveTenant([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "operator/tenants/{tenantId}/move")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("GetTenantMove")]
    public static Task GetTenantMove([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "operator/tenants/{tenantId}/move")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("RollBackTenantMove")]
    public static Task RollBackTenantMove([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "operator/tenants/{tenantId}/move/rollback")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("ListTokens")]
    public static Task ListTokens([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "operator/tenants/{tenantId}/tokens")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("IssueToken")]
    public static Task IssueToken([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "operator/tenants/{tenantId}/tokens")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("RotateToken")]
    public static Task RotateToken([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "operator/tenants/{tenantId}/tokens/rotate")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("RevokeToken")]
    public static Task RevokeToken([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "operator/tenants/{tenantId}/tokens/{tokenId}")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("ReadChanges")]
    public static Task ReadChanges([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "operator/tenants/{tenantId}/changes")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("ReadAudit")]
    public static Task ReadAudit([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "operator/tenants/{tenantId}/audit")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    // The operator API of event delivery (docs/events.md): webhooks, and resources as a webhook receiver would fetch them.
    [Function("ListWebhooks")]
    public static Task ListWebhooks([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "operator/webhooks")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("AddWebhook")]
    public static Task AddWebhook([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "operator/webhooks")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("RemoveWebhook")]
    public static Task RemoveWebhook([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "operator/webhooks/{webhookId}")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("RotateWebhookSecret")]
    public static Task RotateWebhookSecret([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "operator/webhooks/{webhookId}/rotate-secret")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("TestWebhook")]
    public static Task TestWebhook([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "operator/webhooks/{webhookId}/test")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("ReplayWebhook")]
    public static Task ReplayWebhook([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "operator/webhooks/{webhookId}/replay")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("OperatorGetUser")]
    public static Task OperatorGetUser([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "operator/tenants/{tenantId}/Users/{id}")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("OperatorGetGroup")]
    public static Task OperatorGetGroup([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "operator/tenants/{tenantId}/Groups/{id}")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    // Health probe and the catch-all that answers SCIM 404 (unknown URL) or 405 (known URL, other method).
    [Function("Health")]
    public static Task Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("NotFound")]
    public static Task NotFound([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "put", "patch", "delete", "head", "options", Route = "{*path}")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);
}
