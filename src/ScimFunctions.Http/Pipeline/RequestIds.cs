namespace ScimFunctions.Http.Pipeline;

/// <summary>The request id: the client's <c>X-Request-Id</c> when it is a sane token, else a new one; echoed on the response.</summary>
public static class RequestIds
{
    public const string HeaderName = "X-Request-Id";

    public static string Resolve(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var given = context.Request.Headers[HeaderName].ToString();
        var id = IsSane(given) ? given : Guid.NewGuid().ToString("N");
        context.Response.Headers[HeaderName] = id;
        return id;
    }

    /// <summary>Up to 128 characters of letters, digits and <c>-_.:</c>: nothing that could forge a log line.</summary>
    private static bool IsSane(string value) =>
        value.Length is > 0 and <= 128 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');
}
