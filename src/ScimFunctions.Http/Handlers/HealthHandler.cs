namespace ScimFunctions.Http.Handlers;

/// <summary>Liveness for probes: no credential, no storage call, nothing expensive.</summary>
public static class HealthHandler
{
    public static Task HandleAsync(ScimRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ScimResponses.WriteJsonAsync(request.HttpContext, 200, new JsonObject { ["status"] = "healthy" });
    }
}
