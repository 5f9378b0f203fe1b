using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ScimFunctions.Http;

namespace ScimFunctions.FunctionApp;

/// <summary>Every SCIM route once more without the tenant segment: the bearer token's <c>scim_{tenantId}_</c> prefix names the tenant.</summary>
public static class ByTokenFunctions
{
    [Function("ListUsersByToken")]
    public static Task ListUsersByToken([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "scim/v2/Users")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "ListUsersByToken");

    [Function("CreateUserByToken")]
    public static Task CreateUserByToken([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "scim/v2/Users")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "CreateUserByToken");

    [Function("SearchUsersByToken")]
    public static Task SearchUsersByToken([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "scim/v2/Users/.search")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "SearchUsersByToken");

    [Function("GetUserByToken")]
    public static Task GetUserByToken([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "scim/v2/Users/{id}")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "GetUserByToken");

    [Function("ReplaceUserByToken")]
    public static Task ReplaceUserByToken([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "scim/v2/Users/{id}")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "ReplaceUserByToken");

    [Function("PatchUserByToken")]
    public static Task PatchUserByToken([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "scim/v2/Users/{id}")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "PatchUserByToken");

    [Function("DeleteUserByToken")]
    public static Task DeleteUserByToken([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "scim/v2/Users/{id}")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "DeleteUserByToken");

    [Function("ListGroupsByToken")]
    public static Task ListGroupsByToken([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "scim/v2/Groups")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "ListGroupsByToken");

    [Function("CreateGroupByToken")]
    public static Task CreateGroupByToken([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "scim/v2/Groups")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "CreateGroupByToken");

    [Function("SearchGroupsByToken")]
    public static Task SearchGroupsByToken([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "scim/v2/Groups/.search")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "SearchGroupsByToken");

    [Function("GetGroupByToken")]
    public static Task GetGroupByToken([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "scim/v2/Groups/{id}")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "GetGroupByToken");

    [Function("ReplaceGroupByToken")]
    public static Task ReplaceGroupByToken([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "scim/v2/Groups/{id}")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "ReplaceGroupByToken");

    [Function("PatchGroupByToken")]
    public static Task PatchGroupByToken([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "scim/v2/Groups/{id}")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "PatchGroupByToken");

    [Function("DeleteGroupByToken")]
    public static Task DeleteGroupByToken([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "scim/v2/Groups/{id}")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "DeleteGroupByToken");

    [Function("SearchAllByToken")]
    public static Task SearchAllByToken([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "scim/v2/.search")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "SearchAllByToken");

    [Function("BulkByToken")]
    public static Task BulkByToken([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "scim/v2/Bulk")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "BulkByToken");

    [Function("MeByToken")]
    public static Task MeByToken([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "put", "patch", "delete", Route = "scim/v2/Me")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "MeByToken");

    [Function("GetServiceProviderConfigByToken")]
    public static Task GetServiceProviderConfigByToken([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "scim/v2/ServiceProviderConfig")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "GetServiceProviderConfigByToken");

    [Function("ListResourceTypesByToken")]
    public static Task ListResourceTypesByToken([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "scim/v2/ResourceTypes")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "ListResourceTypesByToken");

    [Function("GetResourceTypeByToken")]
    public static Task GetResourceTypeByToken([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "scim/v2/ResourceTypes/{name}")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "GetResourceTypeByToken");

    [Function("ListSchemasByToken")]
    public static Task ListSchemasByToken([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "scim/v2/Schemas")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "ListSchemasByToken");

    [Function("GetSchemaByToken")]
    public static Task GetSchemaByToken([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "scim/v2/Schemas/{urn}")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "GetSchemaByToken");
}
