using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ScimFunctions.Http.IntegrationTests.Support;

/// <summary>A response as a test reads it: status, parsed body, headers.</summary>
public sealed record ScimResponse(HttpStatusCode Status, JsonNode? Body, string RawBody, HttpResponseHeaders Headers, HttpContentHeaders ContentHeaders)
{
    public int StatusCode => (int)Status;
    public string? MediaType => ContentHeaders.ContentType?.MediaType;
    public string? ETag => Headers.ETag?.ToString();

    public void AssertStatus(int expected)
    {
        if (StatusCode != expected)
        {
            Assert.Fail($"Expected HTTP {expected}, got {StatusCode}: {RawBody}");
        }
    }

    /// <summary>Asserts an RFC 7644 §3.12 error document: status as a string, scimType when given, scim+json.</summary>
    public void AssertScimError(int status, string? scimType = null)
    {
        AssertStatus(status);
        Assert.Equal("application/scim+json", MediaType);
        Assert.NotNull(Body);
        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:Error", (string?)Body!["schemas"]?[0]);
        Assert.Equal(status.ToString(System.Globalization.CultureInfo.InvariantCulture), Body["status"]?.GetValue<string>());
        if (scimType is not null)
        {
            Assert.Equal(scimType, (string?)Body["scimType"]);
        }
    }

    public IReadOnlyList<JsonObject> Resources => Body?[nameof(Resources)] is JsonArray resources ? resources.Cast<JsonObject>().ToList() : [];
}

public static class HttpClientScimExtensions
{
    public static async Task<ScimResponse> SendJsonAsync(this HttpClient client, HttpMethod method, string path, JsonNode? body, string contentType = "application/scim+json", Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        configure?.Invoke(request);
        return await SendScimAsync(client, request);
    }

    /// <summary>Sends <paramref name="body"/> byte for byte (invalid UTF-8, repeated member names: what a JsonNode cannot hold).</summary>
    public static async Task<ScimResponse> SendBytesAsync(this HttpClient client, HttpMethod method, string path, byte[] body, string contentType = "application/scim+json")
    {
        using var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return await SendScimAsync(client, request);
    }

    public static async Task<ScimResponse> SendScimAsync(this HttpClient client, HttpRequestMessage request)
    {
        using var response = await client.SendAsync(request);
        var raw = await response.Content.ReadAsStringAsync();
        JsonNode? parsed = null;
        if (raw.Length > 0)
        {
            try
            {
                parsed = JsonNode.Parse(raw);
            }
            catch (System.Text.Json.JsonException)
            {
                parsed = null;
            }
        }

        return new ScimResponse(response.StatusCode, parsed, raw, response.Headers, response.Content.Headers);
    }
}
