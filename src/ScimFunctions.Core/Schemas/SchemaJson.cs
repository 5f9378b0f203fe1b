using System.Text.Json.Nodes;

namespace ScimFunctions.Core.Schemas;

/// <summary>Reads and writes schema definitions as RFC 7643 §7 JSON (so a tenant can define extensions as data).</summary>
public static class SchemaJson
{
    /// <summary>The RFC 7643 §7 representation (used by GET /Schemas).</summary>
    public static JsonObject ToJson(SchemaDefinition schema, string? location = null) => throw new NotImplementedException();

    /// <summary>Reads a schema definition; 400 invalidValue when it is malformed.</summary>
    public static SchemaDefinition FromJson(JsonNode? json) => throw new NotImplementedException();
}
