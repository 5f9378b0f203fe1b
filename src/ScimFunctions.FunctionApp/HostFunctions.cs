using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ScimFunctions.Http;

namespace ScimFunctions.FunctionApp;

/// <summary>Health probe and the catch-all that answers SCIM 404 (unknown URL) or 405 (known URL, other method).</summary>
public static class HostFunctions
{
    [Function("Health")]
    public static Task Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "Health");

    [Function("NotFound")]
    public static Task NotFound([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "put", "patch", "delete", "head", "options", Route = "{*path}")] HttpRequest req)
        => ScimEndpoints.HandleAsync(req.HttpContext, "NotFound");
}
