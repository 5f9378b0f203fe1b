using System.Text.Json.Nodes;
using ScimFunctions.Core.Schemas;

namespace ScimFunctions.Core.Resources;

/// <summary>
/// Validates a client's resource document against its resource type and returns a normalized copy: canonical
/// attribute names, extension attributes under their schema URN, coerced values, readOnly attributes dropped,
/// null / [] / absent folded to absent, <c>schemas</c> set.
/// </summary>
public static class ResourceValidator
{
    /// <summary>Validates a POST or PUT body. Throws 400 ScimException (invalidSyntax / invalidValue) on bad input.</summary>
    public static JsonObject Normalize(JsonNode? input, ResourceTypeDefinition resourceType, CompatibilityOptions? options = null)
        => throw new NotImplementedException();

    /// <summary>Throws 400 mutability when <paramref name="replacement"/> changes an immutable attribute of <paramref name="existing"/>.</summary>
    public static void CheckImmutable(JsonObject existing, JsonObject replacement, ResourceTypeDefinition resourceType)
        => throw new NotImplementedException();
}
