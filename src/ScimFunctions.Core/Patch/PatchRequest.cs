namespace ScimFunctions.Core.Patch;

/// <summary>A parsed RFC 7644 PatchOp message.</summary>
public sealed class PatchRequest
{
    public PatchRequest(IReadOnlyList<PatchOperation> operations) => Operations = operations;

    public IReadOnlyList<PatchOperation> Operations { get; }

    /// <summary>
    /// Parses and checks the message shape (schemas, Operations, op names); 400 invalidSyntax otherwise, and 400 noTarget
    /// for a <c>remove</c> without a path (RFC 7644 §3.5.2.2). Member names of the message are matched case-insensitively.
    /// An empty or blank <c>path</c> counts as no path. Values are not interpreted here: <see cref="PatchEngine"/> does that
    /// against the resource type.
    /// </summary>
    public static PatchRequest Parse(JsonNode? body, CompatibilityOptions? options = null)
    {
        options ??= CompatibilityOptions.Default;
        if (body is not JsonObject message)
        {
            throw ScimException.InvalidSyntax("The PATCH body must be a JSON object (a PatchOp message).");
        }

        if (JsonMembers.Get(message, "schemas") is not JsonArray schemas || !schemas.Any(IsPatchOpUrn))
        {
            throw ScimException.InvalidSyntax($"The PATCH body must list \"{ScimSchemaUrns.PatchOp}\" in \"schemas\".");
        }

        if (JsonMembers.Get(message, "Operations") is not JsonArray operations || operations.Count == 0)
        {
            throw ScimException.InvalidSyntax("The PATCH body must carry a non-empty \"Operations\" array.");
        }

        var parsed = new List<PatchOperation>(operations.Count);
        for (var index = 0; index < operations.Count; index++)
        {
            parsed.Add(ParseOperation(operations[index], index, options));
        }

        return new PatchRequest(parsed);
    }

    private static bool IsPatchOpUrn(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && string.Equals(text, ScimSchemaUrns.PatchOp, StringComparison.OrdinalIgnoreCase);

    private static PatchOperation ParseOperation(JsonNode? node, int index, CompatibilityOptions options)
    {
        var position = $"Operations[{index}]";
        if (node is not JsonObject operation)
        {
            throw ScimException.InvalidSyntax($"{position} must be a JSON object.");
        }

        var type = ParseOpName(JsonMembers.Get(operation, "op"), position, options);
        var path = ParsePath(JsonMembers.Get(operation, "path"), position);
        var hasValue = JsonMembers.TryGet(operation, "value", out var value) && value is not null;

        switch (type)
        {
            case PatchOperationType.Remove when path is null:
                throw ScimException.NoTarget($"{position}: a \"remove\" operation needs a \"path\".");
            case PatchOperationType.Add or PatchOperationType.Replace when !hasValue:
                throw ScimException.InvalidSyntax($"{position}: an \"{type.ToString().ToLowerInvariant()}\" operation needs a \"value\".");
            case PatchOperationType.Add or PatchOperationType.Replace when path is null && value is not JsonObject:
                throw ScimException.InvalidSyntax($"{position}: without a \"path\", the \"value\" must be a JSON object of attributes.");
        }

        return new PatchOperation(type, path, hasValue ? value : null);
    }

    private static PatchOperationType ParseOpName(JsonNode? node, string position, CompatibilityOptions options)
    {
        if (node is not JsonValue value || !value.TryGetValue<string>(out var name))
        {
            throw ScimException.InvalidSyntax($"{position} must have an \"op\" of \"add\", \"remove\" or \"replace\".");
        }

        var comparison = options.CaseInsensitivePatchOps ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        if (string.Equals(name, "add", comparison))
        {
            return PatchOperationType.Add;
        }

        if (string.Equals(name, "remove", comparison))
        {
            return PatchOperationType.Remove;
        }

        if (string.Equals(name, "replace", comparison))
        {
            return PatchOperationType.Replace;
        }

        throw ScimException.InvalidSyntax($"{position}: \"op\" must be \"add\", \"remove\" or \"replace\".");
    }

    private static string? ParsePath(JsonNode? node, string position)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not JsonValue value || !value.TryGetValue<string>(out var path))
        {
            throw ScimException.InvalidSyntax($"{position}: \"path\" must be a string.");
        }

        path = path.Trim();
        return path.Length == 0 ? null : path;
    }
}
