using System.Text.Json.Nodes;

namespace ScimFunctions.LoadTool.Client;

/// <summary>One SCIM answer as the load tool needs it. <see cref="Status"/> 0 means no HTTP response at all.</summary>
internal sealed record ScimResponse(int Status, JsonNode? Body, TimeSpan? RetryAfter, int? StorageRequests)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>Worth retrying: no response, throttled, or a server-side outage.</summary>
    public bool IsTransient => Status is 0 or 429 or >= 500;

    /// <summary>The <c>Resources</c> of a ListResponse (empty when absent).</summary>
    public IReadOnlyList<JsonObject> Resources =>
        Body?[ResourcesMember] is JsonArray array ? [.. array.OfType<JsonObject>()] : [];

    public string? FirstResourceId => Resources is [var first, ..] ? first["id"]?.GetValue<string>() : null;

    private const string ResourcesMember = "Resources";

    public string? Id => Body?["id"]?.GetValue<string>();

    public long? TotalResults => Body?["totalResults"]?.GetValue<long>();

    public string? NextCursor => Body?["nextCursor"]?.GetValue<string>();
}
