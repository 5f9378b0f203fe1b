namespace ScimFunctions.Http.Bulk;

/// <summary>One operation of a BulkRequest (RFC 7644 §3.7), as sent, with the bulkIds it refers to.</summary>
public sealed record BulkOperation(int Index, string Method, string? BulkId, string? Version, string Path, JsonNode? Data)
{
    public const string BulkIdPrefix = "bulkId:";

    /// <summary>The bulkIds this operation refers to, in its path or anywhere in its data.</summary>
    public IReadOnlySet<string> References { get; } = CollectReferences(Path, Data);

    /// <summary>Parses a BulkRequest body; 400 invalidSyntax when the message shape is wrong, 413 above <paramref name="maxOperations"/>.</summary>
    public static (IReadOnlyList<BulkOperation> Operations, int? FailOnErrors) ParseRequest(JsonNode body, int maxOperations)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body is not JsonObject request
            || request["schemas"] is not JsonArray schemas
            || !schemas.Any(s => s is JsonValue v && v.TryGetValue<string>(out var urn) && string.Equals(urn, ScimSchemaUrns.BulkRequest, StringComparison.OrdinalIgnoreCase)))
        {
            throw ScimException.InvalidSyntax($"A bulk request is an object whose schemas include '{ScimSchemaUrns.BulkRequest}'.");
        }

        var operations = Property(request, "Operations") as JsonArray ?? throw ScimException.InvalidSyntax("A bulk request needs an 'Operations' array.");
        if (operations.Count > maxOperations)
        {
            throw ScimException.PayloadTooLarge($"The bulk request has {operations.Count} operations; this tenant accepts at most {maxOperations}.");
        }

        int? failOnErrors = null;
        if (Property(request, "failOnErrors") is { } failNode)
        {
            failOnErrors = failNode is JsonValue failValue && failValue.TryGetValue<int>(out var n) && n >= 1
                ? n
                : throw ScimException.InvalidSyntax("'failOnErrors' must be a positive integer.");
        }

        var parsed = operations.Select((node, index) => ParseOperation(node, index)).ToList();
        var duplicate = parsed.Where(o => o.BulkId is not null).GroupBy(o => o.BulkId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw ScimException.InvalidSyntax($"The bulkId '{duplicate.Key}' is used by more than one operation.");
        }

        return (parsed, failOnErrors);
    }

    private static BulkOperation ParseOperation(JsonNode? node, int index)
    {
        if (node is not JsonObject operation)
        {
            throw ScimException.InvalidSyntax($"Operation {index + 1} of the bulk request is not an object.");
        }

        var method = Text(operation, "method")?.ToUpperInvariant();
        if (method is not ("POST" or "PUT" or "PATCH" or "DELETE"))
        {
            throw ScimException.InvalidSyntax($"Operation {index + 1}: 'method' must be POST, PUT, PATCH or DELETE.");
        }

        var path = Text(operation, "path") ?? throw ScimException.InvalidSyntax($"Operation {index + 1}: 'path' is required.");
        var bulkId = Text(operation, "bulkId");
        if (method == "POST" && string.IsNullOrEmpty(bulkId))
        {
            throw ScimException.InvalidSyntax($"Operation {index + 1}: a POST needs a 'bulkId'.");
        }

        var data = Property(operation, "data");
        if (method != "DELETE" && data is null)
        {
            throw ScimException.InvalidSyntax($"Operation {index + 1}: {method} needs 'data'.");
        }

        return new BulkOperation(index, method, bulkId, Text(operation, "version"), path, data);
    }

    private static JsonNode? Property(JsonObject node, string name) =>
        node.FirstOrDefault(pair => string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    private static string? Text(JsonObject node, string name) =>
        Property(node, name) is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static HashSet<string> CollectReferences(string path, JsonNode? data)
    {
        var references = new HashSet<string>(StringComparer.Ordinal);
        AddIfReference(path.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(), references);
        Walk(data, references);
        return references;
    }

    private static void Walk(JsonNode? node, HashSet<string> references)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var pair in obj)
                {
                    Walk(pair.Value, references);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Walk(item, references);
                }

                break;
            case JsonValue value when value.TryGetValue<string>(out var text):
                AddIfReference(text, references);
                break;
        }
    }

    private static void AddIfReference(string? text, HashSet<string> references)
    {
        if (text is not null && text.StartsWith(BulkIdPrefix, StringComparison.Ordinal) && text.Length > BulkIdPrefix.Length)
        {
            references.Add(text[BulkIdPrefix.Length..]);
        }
    }
}
