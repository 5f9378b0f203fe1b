using System.Text.Json.Nodes;

namespace ScimFunctions.Core.Schemas;

/// <summary>What a tenant's endpoint supports, as advertised by /ServiceProviderConfig.</summary>
public sealed record ServiceProviderCapabilities
{
    public bool BulkSupported { get; init; } = true;
    public int BulkMaxOperations { get; init; } = 100;
    public int BulkMaxPayloadSize { get; init; } = 1_048_576;
    public int FilterMaxResults { get; init; } = 1000;
    public bool SortSupported { get; init; } = true;
    public bool EtagSupported { get; init; } = true;
    public bool CursorPagingSupported { get; init; } = true;
    public bool IndexPagingSupported { get; init; } = true;
    public int DefaultPageSize { get; init; } = 100;
    public int MaxPageSize { get; init; } = 1000;
    public TimeSpan CursorTimeout { get; init; } = TimeSpan.FromHours(1);
    public string? DocumentationUri { get; init; }
}

/// <summary>Generates the discovery documents (RFC 7643 §5, §6, §7; RFC 9865 §4) from the definitions.</summary>
public static class DiscoveryDocuments
{
    public static JsonObject ServiceProviderConfig(ServiceProviderCapabilities capabilities, string baseUrl) => throw new NotImplementedException();

    public static JsonObject ResourceType(ResourceTypeDefinition resourceType, string baseUrl) => throw new NotImplementedException();

    public static JsonObject Schema(SchemaDefinition schema, string baseUrl) => throw new NotImplementedException();
}
