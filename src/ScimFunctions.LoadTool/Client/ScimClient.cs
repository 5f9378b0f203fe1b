using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ScimFunctions.LoadTool.Client;

/// <summary>
/// Sends SCIM requests to one tenant's base URL with its bearer token and records every answer under an operation
/// name: latency, status and the server-reported storage request count (<see cref="StorageRequestsHeader"/>).
/// The token only ever travels in each request's Authorization header (the shared HttpClient is not changed, so one
/// HttpClient can serve several tenants); it is never written anywhere.
/// </summary>
internal sealed class ScimClient
{
    /// <summary>Response header in which the server reports how many storage requests the request cost.</summary>
    public const string StorageRequestsHeader = "X-Storage-Requests";

    private static readonly MediaTypeHeaderValue _scimJson = new("application/scim+json") { CharSet = "utf-8" };
    private static readonly MediaTypeWithQualityHeaderValue _acceptScim = new("application/scim+json");

    private readonly HttpClient _http;
    private readonly Uri _baseUrl;
    private readonly AuthenticationHeaderValue _authorization;

    public ScimClient(HttpClient http, Uri baseUrl, string token)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentException.ThrowIfNullOrEmpty(token);
        _http = http;
        _baseUrl = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        _authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>Where samples go; the runner points this at the current phase's collector.</summary>
    public MetricsCollector Metrics { get; set; } = new();

    public Uri BaseUrl => _baseUrl;

    /// <summary>
    /// The first successful request and answer of each operation, which <see cref="Running.GeneratorCalibration"/>
    /// replays against canned answers to measure what the client side of each request costs.
    /// </summary>
    public ConcurrentDictionary<string, RequestSample> Samples { get; } = new(StringComparer.Ordinal);

    public Task<ScimResponse> GetAsync(string operation, string relativeUrl, CancellationToken cancellationToken) =>
        SendAsync(operation, HttpMethod.Get, relativeUrl, body: null, cancellationToken);

    public Task<ScimResponse> PostAsync(string operation, string relativeUrl, JsonNode body, CancellationToken cancellationToken) =>
        SendAsync(operation, HttpMethod.Post, relativeUrl, body, cancellationToken);

    public Task<ScimResponse> PatchAsync(string operation, string relativeUrl, JsonNode body, CancellationToken cancellationToken) =>
        SendAsync(operation, HttpMethod.Patch, relativeUrl, body, cancellationToken);

    public Task<ScimResponse> DeleteAsync(string operation, string relativeUrl, CancellationToken cancellationToken) =>
        SendAsync(operation, HttpMethod.Delete, relativeUrl, body: null, cancellationToken);

    public async Task<ScimResponse> SendAsync(string operation, HttpMethod method, string relativeUrl, JsonNode? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(_baseUrl, relativeUrl));
        request.Headers.Authorization = _authorization;
        request.Headers.Accept.Add(_acceptScim);
        var bodyText = body?.ToJsonString();
        if (bodyText is not null)
        {
            request.Content = new StringContent(bodyText, Encoding.UTF8);
            request.Content.Headers.ContentType = _scimJson;
        }

        var stopwatch = Stopwatch.StartNew();
        ScimResponse answer;
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            answer = new ScimResponse((int)response.StatusCode, ParseJson(text), RetryAfter(response), StorageRequests(response));
            if (answer.IsSuccess && !Samples.ContainsKey(operation))
            {
                Samples.TryAdd(operation, new RequestSample(method, relativeUrl, bodyText, answer.Status, text, answer.StorageRequests));
            }
        }
        catch (HttpRequestException)
        {
            answer = new ScimResponse(0, null, null, null);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            answer = new ScimResponse(0, null, null, null);
        }

        Metrics.Record(operation, stopwatch.Elapsed, answer.Status, answer.StorageRequests);
        return answer;
    }

    private static JsonNode? ParseJson(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => null,
        };

    private static int? StorageRequests(HttpResponseMessage response) =>
        response.Headers.TryGetValues(StorageRequestsHeader, out var values)
        && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count
            : null;
}
