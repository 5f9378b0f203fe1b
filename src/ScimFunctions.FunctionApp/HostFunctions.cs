namespace ScimFunctions.FunctionApp;

/// <summary>Health probe and the catch-all that answers SCIM 404 (unknown URL) or 405 (known URL, other method).</summary>
public static class HostFunctions
{
    [Function("Health")]
    public static Task Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("NotFound")]
    public static Task NotFound([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "put", "patch", "delete", "head", "options", Route = "{*path}")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);
}
