using System.Text.Json;
using ScimFunctions.Core.Values;

namespace ScimFunctions.Core.Resources;

/// <summary>
/// Applies an <see cref="AttributeSelection"/> and the <c>returned</c> characteristics to a document. The result is
/// a new document (the input is not modified); complex values and extension objects that end up empty are left out,
/// and <c>schemas</c> lists only the core schema and the extensions still present. Keys no schema of the type defines
/// (e.g. an extension a tenant has since removed) are left out too. For lists, project each item.
/// </summary>
public static class ResourceProjector
{
    public static JsonObject Project(JsonObject resource, ResourceTypeDefinition resourceType, AttributeSelection selection) =>
        Project(resource, resourceType, selection, adopt: false);

    /// <summary>
    /// Like <see cref="Project(JsonObject, ResourceTypeDefinition, AttributeSelection)"/>, but the kept values are moved
    /// into the result instead of copied: <paramref name="resource"/> is consumed (left empty, or holding only what
    /// was left out). For a document that belongs to the caller alone, e.g. one just rendered for a response.
    /// </summary>
    public static JsonObject ProjectAdopting(JsonObject resource, ResourceTypeDefinition resourceType, AttributeSelection selection) =>
        Project(resource, resourceType, selection, adopt: true);

    private static JsonObject Project(JsonObject resource, ResourceTypeDefinition resourceType, AttributeSelection selection, bool adopt)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(resourceType);
        ArgumentNullException.ThrowIfNull(selection);

        var result = new JsonObject();
        var schemas = resource["schemas"];
        foreach (var (key, value) in Entries(resource, adopt))
        {
            if (string.Equals(key, "schemas", StringComparison.Ordinal))
            {
                result[key] = null; // placeholder keeps "schemas" first; filled in below
                continue;
            }

            var extension = resourceType.FindSchema(key);
            if (extension is not null && !ReferenceEquals(extension, resourceType.Schema))
            {
                if (value is JsonObject container && ProjectContainer(container, extension, selection, adopt) is { Count: > 0 } projected)
                {
                    result[key] = projected;
                }

                continue;
            }

            var attribute = resourceType.Schema.FindAttribute(key) ?? CommonAttributes.Find(key);
            if (attribute is not null && ProjectAttribute(value, resourceType.Schema.Id, attribute, selection, adopt) is { } kept)
            {
                result[key] = kept;
            }
        }

        if (result.ContainsKey("schemas"))
        {
            result["schemas"] = ProjectSchemas(schemas, resourceType, result, adopt);
        }

        return result;
    }

    /// <summary>The object's properties; when adopting, detached from it first (so each can be moved into the result).</summary>
    private static IEnumerable<KeyValuePair<string, JsonNode?>> Entries(JsonObject source, bool adopt)
    {
        if (!adopt)
        {
            return source;
        }

        var entries = source.ToArray();
        source.Clear();
        return entries;
    }

    private static JsonObject ProjectContainer(JsonObject container, SchemaDefinition schema, AttributeSelection selection, bool adopt)
    {
        var result = new JsonObject();
        foreach (var (key, value) in Entries(container, adopt))
        {
            if (schema.FindAttribute(key) is { } attribute && ProjectAttribute(value, schema.Id, attribute, selection, adopt) is { } kept)
            {
                result[key] = kept;
            }
        }

        return result;
    }

    private static JsonNode? ProjectAttribute(JsonNode? value, string schemaId, AttributeDefinition attribute, AttributeSelection selection, bool adopt)
    {
        if (value is null || !selection.IncludesAttribute(schemaId, attribute))
        {
            return null;
        }

        if (attribute.Type != ScimAttributeType.Complex)
        {
            return adopt ? value : value.DeepClone();
        }

        if (value is JsonArray values)
        {
            var result = new JsonArray();
            IEnumerable<JsonNode?> elements = values;
            if (adopt)
            {
                elements = values.ToArray();
                values.Clear();
            }

            foreach (var element in elements)
            {
                if (ProjectComplex(element, schemaId, attribute, selection, adopt) is { } kept)
                {
                    result.Add(kept);
                }
            }

            return result.Count == 0 ? null : result;
        }

        return ProjectComplex(value, schemaId, attribute, selection, adopt);
    }

    private static JsonObject? ProjectComplex(JsonNode? value, string schemaId, AttributeDefinition attribute, AttributeSelection selection, bool adopt)
    {
        if (value is not JsonObject complex)
        {
            return null;
        }

        var result = new JsonObject();
        foreach (var (key, subValue) in Entries(complex, adopt))
        {
            if (subValue is not null && attribute.FindSubAttribute(key) is { } sub && selection.IncludesSubAttribute(schemaId, attribute, sub))
            {
                result[key] = adopt ? subValue : subValue.DeepClone();
            }
        }

        return result.Count == 0 ? null : result;
    }

    private static JsonArray ProjectSchemas(JsonNode? schemas, ResourceTypeDefinition resourceType, JsonObject projected, bool adopt)
    {
        var result = new JsonArray();
        if (schemas is not JsonArray list)
        {
            return result;
        }

        IEnumerable<JsonNode?> urns = list;
        if (adopt)
        {
            urns = list.ToArray();
            list.Clear();
        }

        foreach (var urn in urns)
        {
            if (urn is JsonValue value && value.GetValueKind() == JsonValueKind.String)
            {
                var schema = resourceType.FindSchema(JsonText.Of(value));
                if (schema is not null && (ReferenceEquals(schema, resourceType.Schema) || projected.ContainsKey(schema.Id)))
                {
                    result.Add(adopt ? value : value.DeepClone());
                }
            }
        }

        return result;
    }
}
