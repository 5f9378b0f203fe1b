namespace ScimFunctions.FunctionApp;

/// <summary>A tenant's discovery documents (RFC 7644 §4); GET only, the fallback answers 405 otherwise.</summary>
public static class DiscoveryFunctions
{
    [Function("GetServiceProviderConfig")]
    public static Task GetServiceProviderConfig([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "scim/v2/{tenantId}/ServiceProviderConfig")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("ListResourceTypes")]
    public static Task ListResourceTypes([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "scim/v2/{tenantId}/ResourceTypes")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("GetResourceType")]
    public static Task GetResourceType([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "scim/v2/{tenantId}/ResourceTypes/{name}")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("ListSchemas")]
    public static Task ListSchemas([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "scim/v2/{tenantId}/Schemas")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);

    [Function("GetSchema")]
    public static Task GetSchema([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "scim/v2/{tenantId}/Schemas/{urn}")] HttpRequest req, FunctionContext context)
        => ScimFunction.RunAsync(req, context);
}
