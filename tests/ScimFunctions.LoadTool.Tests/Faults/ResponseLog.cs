using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace ScimFunctions.LoadTool.Tests.Faults;

/// <summary>Records every answer the load tool got (status, headers that matter, body), passing it on unchanged.</summary>
internal sealed class ResponseLog : DelegatingHandler
{
    public ResponseLog()
        : base(new SocketsHttpHandler())
    {
    }

    public ConcurrentQueue<LoggedResponse> Responses { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonNode? body = null;
        try
        {
            body = text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            // Kept as null: the assertions say a SCIM error must be JSON.
        }

        Responses.Enqueue(new LoggedResponse(
            request.Method.Method + " " + request.RequestUri?.PathAndQuery,
            (int)response.StatusCode,
            response.Headers.RetryAfter is not null,
            response.Content.Headers.ContentType?.MediaType,
            body));
        return response;
    }
}

internal sealed record LoggedResponse(string Request, int Status, bool HasRetryAfter, string? MediaType, JsonNode? Body);
