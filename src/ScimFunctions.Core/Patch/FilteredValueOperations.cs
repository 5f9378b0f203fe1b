namespace ScimFunctions.Core.Patch;

/// <summary>
/// add / replace / remove on the values a filter selects (<c>emails[type eq "work"]</c>, <c>emails[type eq "work"].value</c>).
/// <list type="bullet">
/// <item>remove: removes the matching values (or their sub-attribute); no match is a no-op.</item>
/// <item>replace: replaces the matching values (or sets their sub-attribute); no match is 400 noTarget, as RFC 7644
/// §3.5.2.3 requires ("SHALL"). Entra ID sends <c>Add</c>, not <c>Replace</c>, for a value that does not exist yet.</item>
/// <item>add: merges into the matching values (or sets their sub-attribute); no match creates a value from the filter's
/// <c>eq</c> terms plus the given value (Entra ID), or 400 noTarget when the filter does not pin one down.</item>
/// </list>
/// </summary>
internal static class FilteredValueOperations
{
    public static void Apply(PatchContext context, PatchTarget target, PatchOperationType op, JsonNode? rawValue)
    {
        var matches = ValueFilterMatcher.Matching(context, target);
        switch (op)
        {
            case PatchOperationType.Remove:
                Remove(context, target, matches);
                break;
            case PatchOperationType.Replace when matches.Count == 0:
                throw ScimException.NoTarget($"No value matches the filter of {PatchErrors.Quote(target.PathText)}.");
            case PatchOperationType.Add when matches.Count == 0:
                Create(context, target, rawValue);
                break;
            default:
                Update(context, target, matches, rawValue, mergeElements: op == PatchOperationType.Add);
                break;
        }
    }

    private static void Update(PatchContext context, PatchTarget target, List<JsonObject> matches, JsonNode? rawValue, bool mergeElements)
    {
        var written = new List<JsonObject>();
        if (target.SubAttribute is { } sub)
        {
            var value = PatchValues.ForSubAttribute(rawValue, sub, context, target.PathText);
            foreach (var element in matches)
            {
                if (value is null)
                {
                    element.Remove(sub.Name);
                }
                else
                {
                    element[sub.Name] = value.DeepClone();
                    written.Add(element);
                }
            }
        }
        else
        {
            var value = PatchValues.ForElement(rawValue, target.Attribute, context, target.PathText);
            foreach (var element in matches)
            {
                if (mergeElements)
                {
                    foreach (var (name, subValue) in value)
                    {
                        element[name] = subValue?.DeepClone();
                    }

                    written.Add(element);
                }
                else
                {
                    var replacement = (JsonObject)value.DeepClone();
                    ReplaceValue(context, target, element, replacement);
                    written.Add(replacement);
                }
            }
        }

        PrimaryValues.Enforce(target.Resolved.GetAttributeValue(context.Document) as JsonArray, written);
    }

    private static void Create(PatchContext context, PatchTarget target, JsonNode? rawValue)
    {
        var created = ValueFilterMatcher.CreateFromFilter(target.Filter!, target.Attribute)
            ?? throw ScimException.NoTarget($"No value matches the filter of {PatchErrors.Quote(target.PathText)}, and the filter does not describe a value to add.");
        if (target.SubAttribute is { } sub)
        {
            var value = PatchValues.ForSubAttribute(rawValue, sub, context, target.PathText);
            if (value is null)
            {
                return;
            }

            created[sub.Name] = value;
        }
        else
        {
            foreach (var (name, subValue) in PatchValues.ForElement(rawValue, target.Attribute, context, target.PathText))
            {
                created[name] = subValue?.DeepClone();
            }
        }

        var element = PatchValues.ForElement(created, target.Attribute, context, target.PathText);
        var container = target.Resolved.GetContainer(context.Document, create: true)!;
        if (!target.Attribute.MultiValued)
        {
            container[target.Attribute.Name] = element;
            return;
        }

        if (container[target.Attribute.Name] is not JsonArray values)
        {
            values = [];
            container[target.Attribute.Name] = values;
        }

        values.Add(element);
        PrimaryValues.Enforce(values, [element]);
    }

    private static void Remove(PatchContext context, PatchTarget target, List<JsonObject> matches)
    {
        foreach (var element in matches)
        {
            if (target.SubAttribute is { } sub)
            {
                element.Remove(sub.Name);
                if (element.Count > 0)
                {
                    continue;
                }
            }

            ReplaceValue(context, target, element, replacement: null);
        }

        var container = target.Resolved.GetContainer(context.Document);
        if (container?[target.Attribute.Name] is JsonArray { Count: 0 })
        {
            container.Remove(target.Attribute.Name);
        }
    }

    /// <summary>Puts <paramref name="replacement"/> where <paramref name="element"/> is (null: takes it out).</summary>
    private static void ReplaceValue(PatchContext context, PatchTarget target, JsonObject element, JsonObject? replacement)
    {
        var container = target.Resolved.GetContainer(context.Document)!;
        if (container[target.Attribute.Name] is JsonArray values)
        {
            var index = values.IndexOf(element);
            values.RemoveAt(index);
            if (replacement is not null)
            {
                values.Insert(index, replacement);
            }
        }
        else if (replacement is null)
        {
            container.Remove(target.Attribute.Name);
        }
        else
        {
            container[target.Attribute.Name] = replacement;
        }
    }
}
