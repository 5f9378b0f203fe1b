namespace ScimFunctions.FunctionApp;

/// <summary>SCIM Groups (RFC 7644 §3.3–§3.6).</summary>
public static class GroupFunctions
{
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
}
