namespace ScimFunctions.FunctionApp;

/// <summary>Root search, bulk and /Me of a tenant (RFC 7644 §3.4.3, §3.7, §3.11).</summary>
public static class TenantRootFunctions
{
    [Function("SearchAll")]
    public static Task SearchAll([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "scim/v2/{tenantId}/.search")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("Bulk")]
    public static Task Bulk([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "scim/v2/{tenantId}/Bulk")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("Me")]
    public static Task Me([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "put", "patch", "delete", Route = "scim/v2/{tenantId}/Me")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);
}
