namespace ScimFunctions.Http.Bulk;

/// <summary>
/// Orders bulk operations so that each runs after the operations whose bulkIds it refers to (otherwise in request
/// order), and replaces <c>bulkId:x</c> references with the ids created for them.
/// </summary>
public static class BulkIdResolver
{
    /// <summary>
    /// The execution order, and the operations caught in a circular reference (never executed: 409). A depth-first
    /// walk with an explicit stack, so a chain as long as the request allows costs memory, never the thread's stack.
    /// </summary>
    public static (IReadOnlyList<BulkOperation> Order, IReadOnlySet<int> Circular) Order(IReadOnlyList<BulkOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var byBulkId = operations.Where(o => o.BulkId is not null).ToDictionary(o => o.BulkId!, StringComparer.Ordinal);
        var state = new Dictionary<int, bool>(); // false: on the current path, true: done
        var order = new List<BulkOperation>();
        var circular = new HashSet<int>();
        var path = new List<(BulkOperation Operation, string[] References, int Next)>();

        foreach (var root in operations)
        {
            if (state.ContainsKey(root.Index))
            {
                continue;
            }

            Enter(root);
            while (path.Count > 0)
            {
                var (operation, references, next) = path[^1];
                if (next == references.Length)
                {
                    path.RemoveAt(path.Count - 1);
                    state[operation.Index] = true;
                    order.Add(operation);
                    continue;
                }

                path[^1] = (operation, references, next + 1);
                if (!byBulkId.TryGetValue(references[next], out var dependency) || dependency.Index == operation.Index)
                {
                    continue;
                }

                if (!state.TryGetValue(dependency.Index, out var done))
                {
                    Enter(dependency);
                }
                else if (!done)
                {
                    var start = path.FindIndex(frame => frame.Operation.Index == dependency.Index);
                    foreach (var frame in path.Skip(start))
                    {
                        circular.Add(frame.Operation.Index);
                    }
                }
            }
        }

        return (order, circular);

        void Enter(BulkOperation operation)
        {
            state[operation.Index] = false;
            path.Add((operation, operation.References.Order(StringComparer.Ordinal).ToArray(), 0));
        }
    }

    /// <summary>A copy of <paramref name="node"/> with every <c>bulkId:x</c> string replaced by the id created for x.</summary>
    public static JsonNode? Substitute(JsonNode? node, IReadOnlyDictionary<string, string> createdIds)
    {
        ArgumentNullException.ThrowIfNull(createdIds);
        switch (node)
        {
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var pair in obj)
                {
                    copy[pair.Key] = Substitute(pair.Value, createdIds);
                }

                return copy;
            case JsonArray array:
                return new JsonArray(array.Select(item => Substitute(item, createdIds)).ToArray());
            case JsonValue value when value.TryGetValue<string>(out var text):
                return JsonValue.Create(SubstituteText(text, createdIds));
            default:
                return node?.DeepClone();
        }
    }

    public static string SubstituteText(string text, IReadOnlyDictionary<string, string> createdIds)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(createdIds);
        return text.StartsWith(BulkOperation.BulkIdPrefix, StringComparison.Ordinal)
            && createdIds.TryGetValue(text[BulkOperation.BulkIdPrefix.Length..], out var id) ? id : text;
    }
}
