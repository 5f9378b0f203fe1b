using ScimFunctions.Core.Values;

namespace ScimFunctions.Core.Paging;

/// <summary>
/// Sorts resources by a <see cref="SortSpec"/> with the comparison rules of the attribute's type (RFC 7644 §3.4.2.3):
/// a multi-valued attribute sorts by its primary value, else its first; a complex attribute without a sub-attribute by
/// its <c>value</c>; resources without a value sort last when ascending and first when descending; equal keys are
/// ordered by <c>id</c>, then by input order, so pages are stable.
/// </summary>
public static class ResourceSorter
{
    /// <summary>
    /// A new list in sort order; 400 invalidPath when the attribute is unknown or complex without a <c>value</c>, 400
    /// invalidValue when it is <c>returned: never</c> (see <see cref="Validate"/>).
    /// </summary>
    public static IReadOnlyList<JsonObject> Sort(IEnumerable<JsonObject> resources, SortSpec sort, ResourceTypeDefinition resourceType)
    {
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentNullException.ThrowIfNull(sort);
        ArgumentNullException.ThrowIfNull(resourceType);

        var key = SortKey.For(sort, resourceType);
        var entries = resources.Select((resource, index) => new Entry(resource, key.Of(resource), IdOf(resource), index)).ToArray();
        Array.Sort(entries, (left, right) => Compare(left, right, sort.Descending));
        return entries.Select(entry => entry.Resource).ToArray();
    }

    /// <summary>
    /// The errors <see cref="Sort"/> would raise for an attribute of <paramref name="resourceType"/> (never returned,
    /// complex), raised up front even when nothing is to be sorted. An attribute the type does not define is left to
    /// <see cref="Sort"/>: the root search sorts Users and Groups by one key that may belong to one of them only.
    /// </summary>
    public static void Validate(SortSpec sort, ResourceTypeDefinition resourceType)
    {
        ArgumentNullException.ThrowIfNull(sort);
        ArgumentNullException.ThrowIfNull(resourceType);
        if (AttributeResolver.Resolve(sort.By, resourceType) is not null)
        {
            _ = SortKey.For(sort, resourceType);
        }
    }

    private static int Compare(in Entry left, in Entry right, bool descending)
    {
        var byKey = (left.Key, right.Key) switch
        {
            ({ } l, { } r) => ScimValueComparer.Compare(l, r),
            (null, null) => 0,
            (null, _) => 1,
            _ => -1,
        };
        if (byKey != 0)
        {
            return descending ? -byKey : byKey;
        }

        var byId = string.CompareOrdinal(left.Id, right.Id);
        return byId != 0 ? byId : left.Index.CompareTo(right.Index);
    }

    private static string? IdOf(JsonObject resource) =>
        JsonText.TryGetString(resource["id"], out var text) ? text : null;

    private readonly record struct Entry(JsonObject Resource, ScimValue? Key, string? Id, int Index);

    /// <summary>Where the sort key of a resource is, resolved once per sort.</summary>
    private sealed record SortKey(ResolvedAttribute Attribute, AttributeDefinition? Sub, AttributeDefinition Target)
    {
        public static SortKey For(SortSpec sort, ResourceTypeDefinition resourceType)
        {
            var resolved = AttributeResolver.Resolve(sort.By, resourceType)
                ?? throw ScimException.InvalidPath($"Cannot sort by '{sort.By}': no schema of {resourceType.Name} defines it.");
            var sub = resolved.SubAttribute
                ?? (resolved.Attribute.Type == ScimAttributeType.Complex ? resolved.Attribute.FindSubAttribute("value") : null);
            var target = sub ?? resolved.Attribute;
            if (Resources.NeverReturnedValues.IsNeverReturned(resolved) || Resources.NeverReturnedValues.IsNeverReturned(target))
            {
                throw Resources.NeverReturnedValues.NotSortable(resolved.QualifiedName);
            }

            if (target.Type == ScimAttributeType.Complex)
            {
                throw ScimException.InvalidPath($"Cannot sort by '{sort.By}': it is complex; sort by one of its sub-attributes.");
            }

            return new SortKey(resolved, sub, target);
        }

        public ScimValue? Of(JsonObject resource)
        {
            var value = Chosen(Attribute.GetAttributeValue(resource));
            if (Sub is not null)
            {
                value = (value as JsonObject)?[Sub.Name];
            }

            return ScimValue.TryFromJson(value, Target, out var key) ? key : null;
        }

        /// <summary>The primary value of a multi-valued attribute, else its first; the value itself otherwise.</summary>
        private static JsonNode? Chosen(JsonNode? value)
        {
            if (value is not JsonArray array)
            {
                return value;
            }

            foreach (var element in array)
            {
                if (element is JsonObject complex && ScimValue.TryFromJson(complex["primary"], PrimaryDefinition, out var primary) && primary.Boolean)
                {
                    return element;
                }
            }

            return array.Count > 0 ? array[0] : null;
        }

        private static AttributeDefinition PrimaryDefinition { get; } = new("primary", ScimAttributeType.Boolean);
    }
}
