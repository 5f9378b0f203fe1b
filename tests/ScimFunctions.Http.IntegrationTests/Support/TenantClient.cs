using System.Text.Json.Nodes;

namespace ScimFunctions.Http.IntegrationTests.Support;

/// <summary>An identity provider's view of one tenant: its base URL and its bearer token.</summary>
public sealed class TenantClient(ScimTestHost host, string tenantId, string token, string? basePath = null) : IDisposable
{
    private readonly HttpClient _client = host.Client(token);

    public string TenantId { get; } = tenantId;
    public string Token { get; } = token;
    public string BasePath { get; } = basePath ?? $"/scim/v2/{tenantId}";

    /// <summary>The same tenant and token at the base URL without the tenant segment (the token names the tenant).</summary>
    public TenantClient ByToken() => new(host, TenantId, Token, "/scim/v2");

    public Task<ScimResponse> GetAsync(string relative, Action<HttpRequestMessage>? configure = null) =>
        _client.SendJsonAsync(HttpMethod.Get, BasePath + relative, null, configure: configure);

    public Task<ScimResponse> PostAsync(string relative, JsonNode? body, string contentType = "application/scim+json", Action<HttpRequestMessage>? configure = null) =>
        _client.SendJsonAsync(HttpMethod.Post, BasePath + relative, body, contentType, configure);

    public Task<ScimResponse> PutAsync(string relative, JsonNode? body, Action<HttpRequestMessage>? configure = null) =>
        _client.SendJsonAsync(HttpMethod.Put, BasePath + relative, body, configure: configure);

    public Task<ScimResponse> PatchAsync(string relative, JsonNode? body, Action<HttpRequestMessage>? configure = null) =>
        _client.SendJsonAsync(HttpMethod.Patch, BasePath + relative, body, configure: configure);

    public Task<ScimResponse> DeleteAsync(string relative, Action<HttpRequestMessage>? configure = null) =>
        _client.SendJsonAsync(HttpMethod.Delete, BasePath + relative, null, configure: configure);

    /// <summary>Creates a user and returns its id (asserting 201).</summary>
    public async Task<string> CreateUserAsync(string userName, JsonObject? extra = null)
    {
        var body = Scim.User(userName);
        foreach (var (key, value) in extra ?? [])
        {
            body[key] = value?.DeepClone();
        }

        var response = await PostAsync("/Users", body);
        response.AssertStatus(201);
        return (string)response.Body!["id"]!;
    }

    /// <summary>Creates a group and returns its id (asserting 201).</summary>
    public async Task<string> CreateGroupAsync(string displayName, params string[] memberIds)
    {
        var response = await PostAsync("/Groups", Scim.Group(displayName, memberIds));
        response.AssertStatus(201);
        return (string)response.Body!["id"]!;
    }

    public void Dispose() => _client.Dispose();
}
