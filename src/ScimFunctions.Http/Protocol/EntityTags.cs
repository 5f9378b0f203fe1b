namespace ScimFunctions.Http.Protocol;

/// <summary>Reads the conditional-request headers (RFC 7232) that SCIM versioning uses (RFC 7644 §3.14).</summary>
public static class EntityTags
{
    /// <summary>The <c>If-Match</c> version to enforce; null when absent or <c>*</c> (any existing version).</summary>
    public static string? IfMatch(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var value = request.Headers.IfMatch.ToString().Trim();
        return value.Length == 0 || value == "*" ? null : value;
    }

    /// <summary>True when <c>If-None-Match</c> names <paramref name="version"/> (weak comparison) or is <c>*</c>.</summary>
    public static bool IfNoneMatchHits(HttpRequest request, string version)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.IfNoneMatch.ToString();
        if (header.Length == 0)
        {
            return false;
        }

        var wanted = Opaque(version);
        return header.Split(',').Select(tag => tag.Trim()).Any(tag => tag == "*" || Opaque(tag) == wanted);
    }

    private static string Opaque(string tag) => tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag;
}
