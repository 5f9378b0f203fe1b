using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ScimFunctions.Http;

namespace ScimFunctions.FunctionApp;

/// <summary>The operator API (tenants, policies, tokens, change log). Under /operator: the Functions host reserves /admin.</summary>
public static class OperatorFunctions
{
    [Function("ListTenants")]
    public static Task ListTenants([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "operator/tenants")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "ListTenants");

    [Function("CreateTenant")]
    public static Task CreateTenant([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "operator/tenants")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "CreateTenant");

    [Function("GetTenant")]
    public static Task GetTenant([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "operator/tenants/{tenantId}")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "GetTenant");

    [Function("DeleteTenant")]
    public static Task DeleteTenant([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "operator/tenants/{tenantId}")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "DeleteTenant");

    [Function("SuspendTenant")]
    public static Task SuspendTenant([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "operator/tenants/{tenantId}/suspend")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "SuspendTenant");

    [Function("ResumeTenant")]
    public static Task ResumeTenant([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "operator/tenants/{tenantId}/resume")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "ResumeTenant");

    [Function("MoveTenant")]
    public static Task MoveTenant([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "operator/tenants/{tenantId}/move")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "MoveTenant");

    [Function("GetTenantMove")]
    public static Task GetTenantMove([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "operator/tenants/{tenantId}/move")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "GetTenantMove");

    [Function("RollBackTenantMove")]
    public static Task RollBackTenantMove([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "operator/tenants/{tenantId}/move/rollback")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "RollBackTenantMove");

    [Function("SetTenantPolicy")]
    public static Task SetTenantPolicy([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "operator/tenants/{tenantId}/policy")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "SetTenantPolicy");

    [Function("SetTenantCompatibility")]
    public static Task SetTenantCompatibility([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "operator/tenants/{tenantId}/compatibility")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "SetTenantCompatibility");

    [Function("SetTenantSchemas")]
    public static Task SetTenantSchemas([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "operator/tenants/{tenantId}/schemas")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "SetTenantSchemas");

    [Function("ListTokens")]
    public static Task ListTokens([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "operator/tenants/{tenantId}/tokens")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "ListTokens");

    [Function("IssueToken")]
    public static Task IssueToken([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "operator/tenants/{tenantId}/tokens")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "IssueToken");

    [Function("RotateToken")]
    public static Task RotateToken([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "operator/tenants/{tenantId}/tokens/rotate")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "RotateToken");

    [Function("RevokeToken")]
    public static Task RevokeToken([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "operator/tenants/{tenantId}/tokens/{tokenId}")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "RevokeToken");

    [Function("ReadChanges")]
    public static Task ReadChanges([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "operator/tenants/{tenantId}/changes")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "ReadChanges");

    [Function("ReadAudit")]
    public static Task ReadAudit([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "operator/tenants/{tenantId}/audit")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "ReadAudit");
}
