using System.Text.Json.Nodes;

namespace ScimFunctions.Http.Bulk;

/// <summary>
/// Orders bulk operations so that each runs after the operations whose bulkIds it refers to (otherwise in request
/// order), and replaces <c>bulkId:x</c> references with the ids created for them.
/// </summary>
public static class BulkIdResolver
{
    /// <summary>The execution order, and the operations caught in a circular reference (never executed: 409).</summary>
    public static (IReadOnlyList<BulkOperation> Order, IReadOnlySet<int> Circular) Order(IReadOnlyList<BulkOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var byBulkId = operations.Where(o => o.BulkId is not null).ToDictionary(o => o.BulkId!, StringComparer.Ordinal);
        var state = new Dictionary<int, bool>(); // false: visiting, true: done
        var order = new List<BulkOperation>();
        var circular = new HashSet<int>();

        foreach (var operation in operations)
        {
            Visit(operation, []);
        }

        return (order, circular);

        void Visit(BulkOperation operation, List<BulkOperation> stack)
        {
            if (state.TryGetValue(operation.Index, out var done))
            {
                if (!done)
                {
                    var start = stack.FindIndex(o => o.Index == operation.Index);
                    foreach (var member in stack.Skip(start))
                    {
                        circular.Add(member.Index);
                    }
                }

                return;
            }

            state[operation.Index] = false;
            stack.Add(operation);
            foreach (var reference in operation.References.Order(StringComparer.Ordinal))
            {
                if (byBulkId.TryGetValue(reference, out var dependency) && dependency.Index != operation.Index)
                {
                    Visit(dependency, stack);
                }
            }

            stack.RemoveAt(stack.Count - 1);
            state[operation.Index] = true;
            order.Add(operation);
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
