namespace ScimFunctions.FunctionApp;

/// <summary>SCIM Users (RFC 7644 §3.3–§3.6).</summary>
public static class UserFunctions
{
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
}
