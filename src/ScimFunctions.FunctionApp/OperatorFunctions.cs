namespace ScimFunctions.FunctionApp;

/// <summary>The operator API (tenants, policies, tokens, change log). Under /operator: the Functions host reserves /admin.</summary>
public static class OperatorFunctions
{
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
}
