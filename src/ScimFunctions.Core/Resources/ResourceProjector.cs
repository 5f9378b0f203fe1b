using System.Text.Json;
using ScimFunctions.Core.Values;

namespace ScimFunctions.Core.Resources;

/// <summary>
/// Applies an <see cref="AttributeSelection"/> and the <c>returned</c> characteristics to a document, in place
/// (<see cref="ProjectAdopting"/>) or on a copy (<see cref="Project"/>, the input is not modified); complex values and extension objects that end up empty are left out,
/// and <c>schemas</c> lists only the core schema and the extensions still present. Keys no schema of the type defines
/// (e.g. an extension a tenant has since removed) are left out too. For lists, project each item.
/// </summary>
public static class ResourceProjector
{
    public static JsonObject Project(JsonObject resource, ResourceTypeDefinition resourceType, AttributeSelection selection)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return ProjectAdopting(resource.DeepClone().AsObject(), resourceType, selection);
    }

    /// <summary>
    /// Like <see cref="Project(JsonObject, ResourceTypeDefinition, AttributeSelection)"/>, but in place: what is left
    /// out is removed from <paramref name="resource"/>, which is the result (same keys in the same order as
    /// <see cref="Project(JsonObject, ResourceTypeDefinition, AttributeSelection)"/>'s copy). For a document that belongs
    /// to the caller alone, e.g. one just read for a response: nothing is copied or rebuilt.
    /// </summary>
    public static JsonObject ProjectAdopting(JsonObject resource, ResourceTypeDefinition resourceType, AttributeSelection selection)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(resourceType);
        ArgumentNullException.ThrowIfNull(selection);

        List<string>? dropped = null;
        foreach (var (key, value) in resource)
        {
            if (string.Equals(key, "schemas", StringComparison.Ordinal))
            {
                continue;
            }

            var extension = resourceType.FindSchema(key);
            var kept = extension is not null && !ReferenceEquals(extension, resourceType.Schema)
                ? value is JsonObject container && KeepContainer(container, extension, selection)
                : (resourceType.Schema.FindAttribute(key) ?? CommonAttributes.Find(key)) is { } attribute && KeepAttribute(value, resourceType.Schema.Id, attribute, selection);
            if (!kept)
            {
                (dropped ??= []).Add(key);
            }
        }

        Remove(resource, dropped);
        if (resource.TryGetPropertyValue("schemas", out var schemas))
        {
            if (schemas is JsonArray list)
            {
                for (var i = list.Count - 1; i >= 0; i--)
                {
                    if (!(list[i] is JsonValue value && value.GetValueKind() == JsonValueKind.String
                        && resourceType.FindSchema(JsonText.Of(value)) is { } schema
                        && (ReferenceEquals(schema, resourceType.Schema) || resource.ContainsKey(schema.Id))))
                    {
                        list.RemoveAt(i);
                    }
                }
            }
            else
            {
                resource["schemas"] = new JsonArray();
            }
        }

        return resource;
    }

    private static void Remove(JsonObject target, List<string>? keys)
    {
        if (keys is null)
        {
            return;
        }

        foreach (var key in keys)
        {
            target.Remove(key);
        }
    }

    /// <summary>An extension object, projected in place; whether anything is left.</summary>
    private static bool KeepContainer(JsonObject container, SchemaDefinition schema, AttributeSelection selection)
    {
        List<string>? dropped = null;
        foreach (var (key, value) in container)
        {
            if (!(schema.FindAttribute(key) is { } attribute && KeepAttribute(value, schema.Id, attribute, selection)))
            {
                (dropped ??= []).Add(key);
            }
        }

        Remove(container, dropped);
        return container.Count > 0;
    }

    /// <summary>An attribute's value, projected in place; whether it stays.</summary>
    private static bool KeepAttribute(JsonNode? value, string schemaId, AttributeDefinition attribute, AttributeSelection selection)
    {
        if (value is null || !selection.IncludesAttribute(schemaId, attribute))
        {
            return false;
        }

        if (attribute.Type != ScimAttributeType.Complex)
        {
            return true;
        }

        if (value is JsonArray values)
        {
            for (var i = values.Count - 1; i >= 0; i--)
            {
                if (!KeepComplex(values[i], schemaId, attribute, selection))
                {
                    values.RemoveAt(i);
                }
            }

            return values.Count > 0;
        }

        return KeepComplex(value, schemaId, attribute, selection);
    }

    private static bool KeepComplex(JsonNode? value, string schemaId, AttributeDefinition attribute, AttributeSelection selection)
    {
        if (value is not JsonObject complex)
        {
            return false;
        }

        List<string>? dropped = null;
        foreach (var (key, subValue) in complex)
        {
            if (!(subValue is not null && attribute.FindSubAttribute(key) is { } sub && selection.IncludesSubAttribute(schemaId, attribute, sub)))
            {
                (dropped ??= []).Add(key);
            }
        }

        Remove(complex, dropped);
        return complex.Count > 0;
    }
}
