namespace ScimFunctions.Core.Patch;

/// <summary>add / replace / remove of a whole attribute (a path without filter or sub-attribute, or a path-less key).</summary>
internal static class WholeAttributeOperations
{
    public static void Apply(PatchContext context, PatchTarget target, PatchOperationType op, JsonNode? rawValue)
    {
        if (op == PatchOperationType.Remove)
        {
            Remove(context, target, rawValue);
            return;
        }

        var attribute = target.Attribute;
        var value = PatchValues.ForAttribute(rawValue, attribute, context, target.PathText);
        if (value is null)
        {
            // null, [] and {} all mean "no value" (RFC 7643 §2.5): replacing with it unassigns, adding it does nothing.
            if (op == PatchOperationType.Replace)
            {
                target.Resolved.GetContainer(context.Document)?.Remove(attribute.Name);
            }

            return;
        }

        var container = target.Resolved.GetContainer(context.Document, create: true)!;
        if (attribute.MultiValued)
        {
            SetValues(container, attribute, (JsonArray)value, append: op == PatchOperationType.Add);
        }
        else if (attribute.Type == ScimAttributeType.Complex)
        {
            // RFC 7644 §3.5.2.1 / §3.5.2.3: both add and replace of a complex attribute merge the given sub-attributes.
            Merge(container, attribute, (JsonObject)value);
        }
        else
        {
            container[attribute.Name] = value;
        }
    }

    /// <summary>
    /// Merges <paramref name="value"/>'s sub-attributes into the complex value of <paramref name="attribute"/>. When that
    /// changes the value, its server-set (readOnly) sub-attributes are dropped: they described the old value (a new manager
    /// id must not keep the previous manager's displayName).
    /// </summary>
    public static void Merge(JsonObject container, AttributeDefinition attribute, JsonObject value)
    {
        if (container[attribute.Name] is not JsonObject existing)
        {
            container[attribute.Name] = value;
            return;
        }

        if (JsonEquality.Covers(existing, value))
        {
            return;
        }

        if (attribute.Mutability != Mutability.ReadOnly)
        {
            foreach (var sub in attribute.SubAttributes.Where(sub => sub.Mutability == Mutability.ReadOnly))
            {
                existing.Remove(sub.Name);
            }
        }

        foreach (var (subName, subValue) in value.ToList())
        {
            value.Remove(subName);
            existing[subName] = subValue;
        }
    }

    private static void SetValues(JsonObject container, AttributeDefinition attribute, JsonArray values, bool append)
    {
        var written = new List<JsonObject>();
        if (!append || container[attribute.Name] is not JsonArray existing)
        {
            container[attribute.Name] = values;
            written.AddRange(values.OfType<JsonObject>());
            PrimaryValues.Enforce(values, written);
            return;
        }

        // RFC 7644 §3.5.2.1: add appends; a value the attribute already holds is not added twice.
        foreach (var value in values.ToList())
        {
            if (existing.Any(current => JsonEquality.Covers(current, value)))
            {
                continue;
            }

            values.Remove(value);
            existing.Add(value);
            if (value is JsonObject element)
            {
                written.Add(element);
            }
        }

        PrimaryValues.Enforce(existing, written);
    }

    private static void Remove(PatchContext context, PatchTarget target, JsonNode? rawValue)
    {
        var attribute = target.Attribute;
        var container = target.Resolved.GetContainer(context.Document);
        if (container?[attribute.Name] is not { } current)
        {
            return; // removing an unassigned attribute changes nothing and is not an error
        }

        if (rawValue is null)
        {
            container.Remove(attribute.Name);
            return;
        }

        // Entra ID and JumpCloud: {"op":"remove","path":"members","value":[{"value":"id"}]} removes only the listed values.
        if (!context.Compatibility.RemoveMembersByValueArray)
        {
            throw ScimException.InvalidSyntax($"A \"remove\" of {PatchErrors.Quote(target.PathText)} takes no \"value\"; select values with a filter path instead.");
        }

        var listed = PatchValues.ForAttribute(rawValue, attribute, context, target.PathText);
        if (listed is null)
        {
            return;
        }

        if (attribute.MultiValued && current is JsonArray values)
        {
            var candidates = (JsonArray)listed;
            foreach (var value in values.Where(value => candidates.Any(candidate => JsonEquality.Identifies(candidate, value))).ToList())
            {
                values.Remove(value);
            }

            if (values.Count == 0)
            {
                container.Remove(attribute.Name);
            }
        }
        else if (JsonEquality.Identifies(listed, current))
        {
            container.Remove(attribute.Name);
        }
    }
}
