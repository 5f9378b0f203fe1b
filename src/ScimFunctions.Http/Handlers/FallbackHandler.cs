using ScimFunctions.Http.Routing;

namespace ScimFunctions.Http.Handlers;

/// <summary>Unknown URLs get a SCIM 404; a known URL with a method it does not accept gets a SCIM 405 with <c>Allow</c>.</summary>
public static class FallbackHandler
{
    public static Task HandleAsync(ScimRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var methods = RouteMatcher.MethodsAt(request.HttpContext.Request.Path);
        if (methods.Count == 0)
        {
            throw ScimException.NotFound("No resource exists at this URL.");
        }

        var allow = string.Join(", ", methods.Select(m => m.ToUpperInvariant()));
        request.HttpContext.Response.Headers.Allow = allow;
        return ScimResponses.WriteErrorAsync(request.HttpContext, ScimException.MethodNotAllowed($"This URL does not accept {request.HttpContext.Request.Method}; it accepts {allow}."));
    }
}
