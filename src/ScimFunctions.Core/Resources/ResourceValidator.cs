namespace ScimFunctions.Core.Resources;

/// <summary>
/// Validates a client's resource document against its resource type and returns a normalized copy: canonical
/// attribute names, extension attributes under their schema URN, coerced values, readOnly attributes dropped,
/// null / [] / absent folded to absent, <c>schemas</c> set.
/// </summary>
/// <remarks>
/// <c>returned: never</c> attributes (the User's <c>password</c>) are kept in the normalized document, so a request
/// that sets one can be recorded as such; the store takes them out before writing (<see cref="NeverReturnedValues.Strip"/>).
/// Canonical values are advisory: see <see cref="CanonicalValues"/>.
/// </remarks>
public static class ResourceValidator
{
    /// <summary>
    /// Validates a POST or PUT body. Throws 400 ScimException (invalidSyntax / invalidValue) on bad input.
    /// <list type="bullet">
    /// <item><c>schemas</c> must be an array of strings listing the core schema (400 invalidSyntax). Other URNs must be
    /// schemas of the resource type; an unknown one is dropped under <see cref="UnknownAttributePolicy.Ignore"/> and
    /// 400 invalidSyntax under <see cref="UnknownAttributePolicy.Reject"/>. The output lists the core schema and
    /// every extension that has attributes.</item>
    /// <item>Extension attributes are read under their URN key and, leniently, as URN-qualified top-level keys
    /// (<c>"urn:…:enterprise:2.0:User:employeeNumber"</c>); dotted keys (<c>"name.givenName"</c>) set a sub-attribute.</item>
    /// <item>Giving the same attribute twice (e.g. "userName" and "USERNAME") is 400 invalidSyntax.</item>
    /// </list>
    /// </summary>
    public static JsonObject Normalize(JsonNode? input, ResourceTypeDefinition resourceType, CompatibilityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(resourceType);
        var normalized = ResourceNormalizer.Normalize(input, resourceType, options ?? CompatibilityOptions.Default);
        CheckInvariants(normalized, resourceType);
        return normalized;
    }

    /// <summary>
    /// Normalizes one attribute value as a client wrote it (e.g. a PATCH value): coerces types (boolean strings,
    /// numbers), canonicalizes sub-attribute names, validates multi-valued shape. <paramref name="attribute"/> is the
    /// attribute the value is for; when <paramref name="asSingleElement"/> is true and the attribute is multi-valued, the
    /// value is one element (an object for complex attributes), not the array. <paramref name="pathForErrors"/> names the
    /// attribute in error details. Throws 400 invalidValue / invalidSyntax.
    /// </summary>
    /// <remarks>
    /// Returns null when the value is absent in RFC 7643 §2.5's sense (null, [], {} or only nulls inside). The result
    /// is a new tree (the input is neither modified nor adopted). A multi-valued attribute given one value becomes a
    /// one-element array; a single-valued attribute given [x] becomes x. readOnly sub-attributes of a writable
    /// attribute are dropped; unknown sub-attributes follow <see cref="CompatibilityOptions.UnknownAttributes"/>.
    /// A multi-valued result has at most one <c>"primary": true</c>.
    /// </remarks>
    public static JsonNode? NormalizeValue(JsonNode? value, AttributeDefinition attribute, CompatibilityOptions options, string pathForErrors, bool asSingleElement = false)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        ArgumentNullException.ThrowIfNull(options);
        return ValueNormalizer.Normalize(value, attribute, options, pathForErrors ?? attribute.Name, asSingleElement);
    }

    /// <summary>
    /// Checks whole-resource invariants of a normalized document: required attributes present (readOnly ones are the
    /// server's and skipped; a blank string counts as absent), required sub-attributes of present complex values,
    /// required extensions present, at most one primary per multi-valued attribute. Throws 400 invalidValue.
    /// </summary>
    public static void CheckInvariants(JsonObject resource, ResourceTypeDefinition resourceType)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(resourceType);
        ResourceInvariants.Check(resource, resourceType);
    }

    /// <summary>
    /// Throws 400 mutability when <paramref name="replacement"/> changes an immutable attribute of <paramref name="existing"/>
    /// (RFC 7644 §3.5.1: once set, the input value must match; omitting it counts as a change). Checked: immutable
    /// attributes and immutable sub-attributes of single-valued complex attributes. Sub-attributes of multi-valued
    /// attributes (a group's <c>members.value</c>) are not compared: values are added and removed as a whole.
    /// </summary>
    public static void CheckImmutable(JsonObject existing, JsonObject replacement, ResourceTypeDefinition resourceType)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(replacement);
        ArgumentNullException.ThrowIfNull(resourceType);
        ImmutabilityCheck.Check(existing, replacement, resourceType);
    }
}
