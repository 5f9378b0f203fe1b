using System.Buffers;
using Microsoft.Net.Http.Headers;
using ScimFunctions.Core.Values;

namespace ScimFunctions.Http.Protocol;

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

        return StrictJson.Parse(body, MaxDepth);
    }

    private static async Task<byte[]> ReadBoundedAsync(Stream body, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await ReadChunkAsync(body, chunk, cancellationToken)) > 0)
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

    /// <summary>
    /// One read of the body. A fault of the request framing that the server reports (Content-Length longer than the
    /// body, a malformed or missing chunk, a body slower than the minimum data rate) is the client's: 400, or 408 for
    /// the timeout, as the server classified it; a connection the client closed stays a cancellation.
    /// </summary>
    private static async ValueTask<int> ReadChunkAsync(Stream body, byte[] chunk, CancellationToken cancellationToken)
    {
        try
        {
            return await body.ReadAsync(chunk.AsMemory(), cancellationToken);
        }
        catch (BadHttpRequestException fault) when (fault.StatusCode == StatusCodes.Status408RequestTimeout)
        {
            throw new ScimException(408, null, "The request body arrived too slowly.", fault);
        }
        catch (BadHttpRequestException fault)
        {
            throw new ScimException(400, ScimType.InvalidSyntax, "The request body does not match its framing (Content-Length or chunked encoding).", fault);
        }
        catch (IOException fault) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ScimException(400, ScimType.InvalidSyntax, "The request body could not be read to its end.", fault);
        }
    }

    private static ScimException TooLarge(int maxBytes) =>
        ScimException.PayloadTooLarge($"The request body is larger than this endpoint accepts ({maxBytes} bytes).");
}
