namespace ScimFunctions.Http.Authentication;

/// <summary>Reads <c>Authorization: Bearer …</c>.</summary>
public static class BearerToken
{
    public static string? From(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = header[scheme.Length..].Trim();
        return token.Length is > 0 and <= 512 ? token : null;
    }
}
