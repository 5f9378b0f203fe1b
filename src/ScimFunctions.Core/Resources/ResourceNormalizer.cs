using System.Text.Json;
using ScimFunctions.Core.Values;

namespace ScimFunctions.Core.Resources;

/// <summary>The document walk behind <see cref="ResourceValidator.Normalize"/>: schemas, attribute routing, readOnly, unknowns.</summary>
internal sealed class ResourceNormalizer
{
    private readonly ResourceTypeDefinition _resourceType;
    private readonly CompatibilityOptions _options;
    private readonly JsonObject _result = [];
    private readonly HashSet<string> _seen = new(StringComparer.OrdinalIgnoreCase);

    private ResourceNormalizer(ResourceTypeDefinition resourceType, CompatibilityOptions options)
    {
        _resourceType = resourceType;
        _options = options;
    }

    public static JsonObject Normalize(JsonNode? input, ResourceTypeDefinition resourceType, CompatibilityOptions options)
    {
        if (input is not JsonObject document)
        {
            throw ScimException.InvalidSyntax("The request body must be a JSON object.");
        }

        var normalizer = new ResourceNormalizer(resourceType, options);
        normalizer.CheckSchemas(document);
        foreach (var (key, value) in document)
        {
            normalizer.Accept(key, value);
        }

        return normalizer.Finish();
    }

    private void CheckSchemas(JsonObject document)
    {
        var schemas = document.FirstOrDefault(pair => string.Equals(pair.Key, "schemas", StringComparison.OrdinalIgnoreCase)).Value;
        if (schemas is not JsonArray list || list.Any(urn => urn is not JsonValue value || value.GetValueKind() != JsonValueKind.String))
        {
            throw ScimException.InvalidSyntax($"The 'schemas' attribute must be an array of schema URNs including '{_resourceType.Schema.Id}'.");
        }

        var listsCore = false;
        foreach (var urn in list.Select(node => JsonText.Of((JsonValue)node!)))
        {
            var schema = _resourceType.FindSchema(urn);
            if (schema is null)
            {
                if (_options.UnknownAttributes == UnknownAttributePolicy.Reject)
                {
                    throw ScimException.InvalidSyntax($"Schema '{urn}' is not a schema of the {_resourceType.Name} resource type.");
                }
            }
            else if (ReferenceEquals(schema, _resourceType.Schema))
            {
                listsCore = true;
            }
        }

        if (!listsCore)
        {
            throw ScimException.InvalidSyntax($"The 'schemas' attribute must include '{_resourceType.Schema.Id}'.");
        }
    }

    private void Accept(string key, JsonNode? value)
    {
        if (string.Equals(key, "schemas", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (_resourceType.FindSchema(key) is { } schema)
        {
            AcceptSchemaObject(schema, value);
            return;
        }

        var resolved = AttributeResolver.Resolve(key, _resourceType);
        if (resolved is null || (resolved.SubAttribute is not null && resolved.Attribute.MultiValued))
        {
            UnknownAttributes.Handle(key, _options);
            return;
        }

        AcceptAttribute(resolved, value);
    }

    private void AcceptSchemaObject(SchemaDefinition schema, JsonNode? value)
    {
        if (value is null)
        {
            return;
        }

        if (value is not JsonObject attributes)
        {
            throw ScimException.InvalidSyntax($"The value of '{schema.Id}' must be a JSON object of that schema's attributes.");
        }

        foreach (var (name, attributeValue) in attributes)
        {
            Accept(schema.Id + ":" + name, attributeValue);
        }
    }

    private void AcceptAttribute(ResolvedAttribute resolved, JsonNode? value)
    {
        // readOnly attributes (id, meta, groups, manager.displayName, ...) are the server's: ignored on input.
        if (resolved.Attribute.Mutability == Mutability.ReadOnly || resolved.SubAttribute?.Mutability == Mutability.ReadOnly)
        {
            return;
        }

        var name = resolved.QualifiedName;
        if (!_seen.Add(name))
        {
            throw ScimException.InvalidSyntax($"Attribute '{name}' is given more than once.");
        }

        var normalized = ValueNormalizer.Normalize(value, resolved.Target, _options, name, asSingleElement: false);
        if (normalized is null)
        {
            return;
        }

        var container = resolved.GetContainer(_result, create: true)!;
        if (resolved.SubAttribute is null)
        {
            if (container[resolved.Attribute.Name] is JsonObject fromDottedKeys && normalized is JsonObject whole)
            {
                MergeInto(whole, fromDottedKeys, name);
                return;
            }

            container[resolved.Attribute.Name] = normalized;
            return;
        }

        if (container[resolved.Attribute.Name] is not JsonObject parent)
        {
            parent = [];
            container[resolved.Attribute.Name] = parent;
        }

        if (parent.ContainsKey(resolved.SubAttribute.Name))
        {
            throw ScimException.InvalidSyntax($"Attribute '{name}' is given more than once.");
        }

        parent[resolved.SubAttribute.Name] = normalized;
    }

    private static void MergeInto(JsonObject whole, JsonObject existing, string name)
    {
        foreach (var (key, value) in whole.ToList())
        {
            if (existing.ContainsKey(key))
            {
                throw ScimException.InvalidSyntax($"Attribute '{name}.{key}' is given more than once.");
            }

            whole.Remove(key);
            existing[key] = value;
        }
    }

    private JsonObject Finish()
    {
        var schemas = new JsonArray(_resourceType.Schema.Id);
        foreach (var extension in _resourceType.Extensions)
        {
            if (_result[extension.Schema.Id] is JsonObject { Count: > 0 })
            {
                schemas.Add(extension.Schema.Id);
            }
            else
            {
                _result.Remove(extension.Schema.Id);
            }
        }

        var document = new JsonObject { ["schemas"] = schemas };
        foreach (var (key, value) in _result.ToList())
        {
            _result.Remove(key);
            document[key] = value;
        }

        return document;
    }
}
