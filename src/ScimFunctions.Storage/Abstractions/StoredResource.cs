
namespace ScimFunctions.Storage.Abstractions;

/// <summary>
/// A resource as stored: the document (with <c>id</c> and <c>meta</c> except <c>meta.location</c>, which the HTTP layer
/// adds under the tenant's base URL) and its version, a weak ETag (<c>W/"…"</c>) derived from the table ETag.
/// </summary>
public sealed record StoredResource(JsonObject Resource, string Version)
{
    public string Id => (string)Resource["id"]!;
}

/// <summary>
/// Who made a change, in which request and through which channel (<see cref="Channels"/>); recorded in the change log.
/// </summary>
public sealed record WriteContext(string? RequestId = null, string? Actor = null, string? Channel = null)
{
    public static WriteContext None { get; } = new();
}

/// <summary>A page of a list or search.</summary>
public sealed record QueryResult(IReadOnlyList<StoredResource> Resources, long TotalResults, int? StartIndex, string? NextCursor = null, string? PreviousCursor = null);

/// <summary>Where a change came from, as the change log records it.</summary>
public static class Channels
{
    /// <summary>The SCIM routes (an identity provider).</summary>
    public const string Scim = "scim";

    /// <summary>The MCP tools (an AI agent).</summary>
    public const string Mcp = "mcp";
}
