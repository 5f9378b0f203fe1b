using System.Net;
using System.Text;

namespace ScimFunctions.FunctionApp.Tests.Support;

/// <summary>An HTTP client's requests invoked as functions of the Function App's composition (for clients such as the MCP SDK's).</summary>
public sealed class FunctionAppHandler(FunctionAppUnderTest app) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var answer = await app.SendAsync(new HostRequest(request.Method.Method, request.RequestUri!.PathAndQuery, headers, body, request.Content?.Headers.ContentType?.ToString()));
        var response = new HttpResponseMessage((HttpStatusCode)answer.Status) { RequestMessage = request, Content = new ByteArrayContent(Encoding.UTF8.GetBytes(answer.Body)) };
        foreach (var (name, value) in answer.Headers)
        {
            if (!response.Headers.TryAddWithoutValidation(name, value))
            {
                response.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return response;
    }
}
