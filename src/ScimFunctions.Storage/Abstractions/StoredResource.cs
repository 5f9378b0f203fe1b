using System.Text.Json.Nodes;

namespace ScimFunctions.Storage.Abstractions;

/// <summary>
/// A resource as stored: the document (with <c>id</c> and <c>meta</c> except <c>meta.location</c>, which the HTTP layer
/// adds under the tenant's base URL) and its version, a weak ETag (<c>W/"…"</c>) derived from the table ETag.
/// </summary>
public sealed record StoredResource(JsonObject Resource, string Version)
{
    public string Id => (string)Resource["id"]!;
}

/// <summary>Who made a change and in which request; recorded in the change log.</summary>
public sealed record WriteContext(string? RequestId = null, string? Actor = null)
{
    public static WriteContext None { get; } = new();
}

/// <summary>A page of a list or search.</summary>
public sealed record QueryResult(IReadOnlyList<StoredResource> Resources, long TotalResults, int? StartIndex, string? NextCursor = null, string? PreviousCursor = null);
