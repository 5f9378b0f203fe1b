using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ScimFunctions.Http;

namespace ScimFunctions.FunctionApp;

/// <summary>SCIM Users (RFC 7644 §3.3–§3.6).</summary>
public static class UserFunctions
{
    [Function("ListUsers")]
    public static Task ListUsers([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "scim/v2/{tenantId}/Users")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "ListUsers");

    [Function("CreateUser")]
    public static Task CreateUser([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "scim/v2/{tenantId}/Users")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "CreateUser");

    [Function("SearchUsers")]
    public static Task SearchUsers([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "scim/v2/{tenantId}/Users/.search")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "SearchUsers");

    [Function("GetUser")]
    public static Task GetUser([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "scim/v2/{tenantId}/Users/{id}")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "GetUser");

    [Function("ReplaceUser")]
    public static Task ReplaceUser([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "scim/v2/{tenantId}/Users/{id}")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "ReplaceUser");

    [Function("PatchUser")]
    public static Task PatchUser([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "scim/v2/{tenantId}/Users/{id}")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "PatchUser");

    [Function("DeleteUser")]
    public static Task DeleteUser([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "scim/v2/{tenantId}/Users/{id}")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "DeleteUser");
}
