using System.Net;
using System.Text;

namespace ScimFunctions.LoadTool.Tests.Running;

/// <summary>An HTTP transport that answers from a script, for unit tests of the runner (not of the server).</summary>
internal sealed class ScriptedTransport(Func<HttpRequestMessage, int, HttpResponseMessage> answer) : HttpMessageHandler
{
    private int _calls;

    public int Calls => _calls;

    public List<string?> Authorizations { get; } = [];

    public static HttpResponseMessage Json(HttpStatusCode status, string json, int? storageRequests = null, TimeSpan? retryAfter = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/scim+json") };
        if (storageRequests is { } count)
        {
            response.Headers.Add("X-Storage-Requests", count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (retryAfter is { } delay)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(delay);
        }

        return response;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (Authorizations)
        {
            Authorizations.Add(request.Headers.Authorization?.ToString());
        }

        return Task.FromResult(answer(request, Interlocked.Increment(ref _calls)));
    }
}
