using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ScimFunctions.Http.Protocol;

/// <summary>Writes SCIM responses: always <c>application/scim+json; charset=utf-8</c>.</summary>
public static class ScimResponses
{
    public const string ScimMediaType = "application/scim+json; charset=utf-8";

    /// <summary>The operator API is not SCIM: it answers plain JSON (its errors are still SCIM error documents).</summary>
    public const string JsonMediaType = "application/json; charset=utf-8";

    // The relaxed encoder leaves quotes, apostrophes and '+' readable (meta.version, phone numbers); it still escapes
    // control characters. Safe here: the bodies are application/scim+json, never embedded in HTML.
    private static readonly JsonWriterOptions _writerOptions = new() { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteJsonAsync(HttpContext context, int status, JsonNode body, string? etag = null, string? location = null, string contentType = ScimMediaType)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(body);
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = contentType;
        if (etag is not null)
        {
            response.Headers.ETag = etag;
        }

        if (location is not null)
        {
            response.Headers.Location = location;
        }

        // Into the response's pooled pipe buffers (no intermediate buffer of the whole body).
        await using (var writer = new Utf8JsonWriter(response.BodyWriter, _writerOptions))
        {
            body.WriteTo(writer);
        }

        await response.BodyWriter.FlushAsync();
    }

    /// <summary>A status without a body (204, 304), with the resource's ETag when given.</summary>
    public static Task WriteEmptyAsync(HttpContext context, int status, string? etag = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        if (etag is not null)
        {
            context.Response.Headers.ETag = etag;
        }

        return Task.CompletedTask;
    }

    /// <summary>The RFC 7644 §3.12 error document of <paramref name="error"/>, with the headers its status calls for.</summary>
    public static Task WriteErrorAsync(HttpContext context, ScimException error, TimeSpan? retryAfter = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(error);
        var headers = context.Response.Headers;
        if (error.Status == StatusCodes.Status401Unauthorized)
        {
            headers.WWWAuthenticate = "Bearer";
        }

        if (retryAfter is { } delay)
        {
            headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return WriteJsonAsync(context, error.Status, error.ToErrorDocument());
    }
}
