using Azure;

namespace ScimFunctions.Storage.Resources;

/// <summary>
/// <c>meta.version</c> is the row's table ETag, which is already a weak entity tag (<c>W/"datetime'…'"</c>); If-Match
/// values map back onto the table's own conditional operations.
/// </summary>
internal static class Versions
{
    public static string FromETag(ETag etag)
    {
        var text = etag.ToString();
        return text.StartsWith("W/\"", StringComparison.Ordinal) ? text : "W/\"" + text.Trim('"') + "\"";
    }

    /// <summary>The ETag to send for a client's If-Match value (<c>*</c> matches any version).</summary>
    public static ETag ToETag(string ifMatch)
    {
        var text = ifMatch.Trim();
        if (text == "*")
        {
            return ETag.All;
        }

        return new ETag(text.StartsWith("W/", StringComparison.Ordinal) ? text : "W/" + (text.StartsWith('"') ? text : "\"" + text + "\""));
    }

    public static bool Matches(string? ifMatch, ETag current)
    {
        if (ifMatch is null)
        {
            return true;
        }

        var wanted = ToETag(ifMatch);
        return wanted == ETag.All || string.Equals(wanted.ToString(), FromETag(current), StringComparison.Ordinal);
    }
}
