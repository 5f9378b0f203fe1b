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

    /// <summary>
    /// Normalizes one attribute value as a client wrote it (e.g. a PATCH value): coerces types (boolean strings,
    /// numbers), canonicalizes sub-attribute names, validates multi-valued shape. <paramref name="attribute"/> is the
    /// attribute the value is for; when <paramref name="asSingleElement"/> is true and the attribute is multi-valued, the
    /// value is one element (an object for complex attributes), not the array. <paramref name="pathForErrors"/> names the
    /// attribute in error details. Throws 400 invalidValue / invalidSyntax.
    /// </summary>
    public static JsonNode? NormalizeValue(JsonNode? value, AttributeDefinition attribute, CompatibilityOptions options, string pathForErrors, bool asSingleElement = false)
        => throw new NotImplementedException();

    /// <summary>Checks whole-resource invariants of a normalized document: required attributes present, at most one primary per multi-valued attribute. Throws 400 invalidValue.</summary>
    public static void CheckInvariants(JsonObject resource, ResourceTypeDefinition resourceType)
        => throw new NotImplementedException();

    /// <summary>Throws 400 mutability when <paramref name="replacement"/> changes an immutable attribute of <paramref name="existing"/>.</summary>
    public static void CheckImmutable(JsonObject existing, JsonObject replacement, ResourceTypeDefinition resourceType)
        => throw new NotImplementedException();
}
