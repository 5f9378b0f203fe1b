namespace ScimFunctions.Core.Schemas;

/// <summary>Reads and writes schema definitions as RFC 7643 §7 JSON (so a tenant can define extensions as data).</summary>
public static class SchemaJson
{
    /// <summary>The RFC 7643 §7 representation (used by GET /Schemas); <c>meta</c> is written when <paramref name="location"/> is given.</summary>
    public static JsonObject ToJson(SchemaDefinition schema, string? location = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var json = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemaUrns.Schema),
            ["id"] = schema.Id,
            ["name"] = schema.Name,
            ["description"] = schema.Description,
            ["attributes"] = new JsonArray([.. schema.Attributes.Select(AttributeToJson)]),
        };
        if (location is not null)
        {
            json["meta"] = new JsonObject
            {
                ["resourceType"] = "Schema",
                ["location"] = location,
            };
        }

        return json;
    }

    /// <summary>One attribute with all of its characteristics, as in RFC 7643 §7 / §8.7.</summary>
    public static JsonObject AttributeToJson(AttributeDefinition attribute)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        var json = new JsonObject
        {
            ["name"] = attribute.Name,
            ["type"] = SchemaJsonNames.Of(attribute.Type),
            ["multiValued"] = attribute.MultiValued,
            ["description"] = attribute.Description,
            ["required"] = attribute.Required,
            ["caseExact"] = attribute.CaseExact,
            ["mutability"] = SchemaJsonNames.Of(attribute.Mutability),
            ["returned"] = SchemaJsonNames.Of(attribute.Returned),
            ["uniqueness"] = SchemaJsonNames.Of(attribute.Uniqueness),
        };
        if (attribute.CanonicalValues.Count > 0)
        {
            json["canonicalValues"] = new JsonArray([.. attribute.CanonicalValues.Select(value => JsonValue.Create(value))]);
        }

        if (attribute.ReferenceTypes.Count > 0)
        {
            json["referenceTypes"] = new JsonArray([.. attribute.ReferenceTypes.Select(value => JsonValue.Create(value))]);
        }

        if (attribute.Type == ScimAttributeType.Complex)
        {
            json["subAttributes"] = new JsonArray([.. attribute.SubAttributes.Select(AttributeToJson)]);
        }

        return json;
    }

    /// <summary>
    /// Reads a schema definition (how a tenant adds an extension schema as data); 400 invalidValue naming the
    /// offending member when it is malformed. Unknown members are ignored; omitted characteristics take the
    /// RFC 7643 §2.2 defaults.
    /// </summary>
    public static SchemaDefinition FromJson(JsonNode? json) => SchemaJsonReader.Read(json);

    internal static string TypeToJson(ScimAttributeType type) => SchemaJsonNames.Of(type);
}
