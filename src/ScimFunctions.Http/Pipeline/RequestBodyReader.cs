using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using ScimFunctions.Core.Errors;

namespace ScimFunctions.Http.Pipeline;

/// <summary>
/// Reads a request body as JSON: accepted media types, a size limit checked on Content-Length and again while
/// reading (chunked bodies), a nesting limit, and parse errors as 400 invalidSyntax without parser text.
/// </summary>
public static class RequestBodyReader
{
    /// <summary>Deeper JSON than this is refused (no SCIM document nests anywhere near it).</summary>
    public const int MaxDepth = 64;

    /// <summary>Body limit of operator routes.</summary>
    public const int OperatorMaxBytes = 1_048_576;

    private static readonly JsonDocumentOptions _documentOptions = new() { MaxDepth = MaxDepth };

    /// <summary>True for application/scim+json and application/json, with or without parameters (charset).</summary>
    public static bool IsAcceptedMediaType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return true;
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType))
        {
            return false;
        }

        var charset = mediaType.Charset;
        var utf8 = charset.Length == 0 || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);
        return utf8 && (mediaType.MediaType.Equals("application/scim+json", StringComparison.OrdinalIgnoreCase)
            || mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase));
    }

    public static async Task<JsonNode> ReadJsonAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsAcceptedMediaType(request.ContentType))
        {
            throw ScimException.UnsupportedMediaType("Request bodies must be application/scim+json or application/json (UTF-8).");
        }

        if (request.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        var body = await ReadBoundedAsync(request.Body, maxBytes, cancellationToken);
        if (body.Length == 0)
        {
            throw ScimException.InvalidSyntax("The request body is empty; a JSON document is required.");
        }

        try
        {
            return JsonNode.Parse(body, documentOptions: _documentOptions)
                ?? throw ScimException.InvalidSyntax("The request body must be a JSON object, not null.");
        }
        catch (JsonException)
        {
            throw ScimException.InvalidSyntax($"The request body is not valid JSON (or nests deeper than {MaxDepth} levels).");
        }
    }

    private static async Task<byte[]> ReadBoundedAsync(Stream body, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk.AsMemory(), cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw TooLarge(maxBytes);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    private static ScimException TooLarge(int maxBytes) =>
        ScimException.PayloadTooLarge($"The request body is larger than this endpoint accepts ({maxBytes} bytes).");
}
