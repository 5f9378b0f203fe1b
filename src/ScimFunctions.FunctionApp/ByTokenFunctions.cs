namespace ScimFunctions.FunctionApp;

/// <summary>Every SCIM route once more without the tenant segment: the bearer token's <c>scim_{tenantId}_</c> prefix names the tenant.</summary>
public static class ByTokenFunctions
{
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
}
