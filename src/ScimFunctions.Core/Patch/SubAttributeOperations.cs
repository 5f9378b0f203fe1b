namespace ScimFunctions.Core.Patch;

/// <summary>
/// add / replace / remove of a sub-attribute without a value filter (<c>name.givenName</c>, <c>urn:…:User:manager.value</c>).
/// On a multi-valued attribute (<c>emails.display</c>) the operation applies to every value; adding to one with no values
/// creates a value holding just that sub-attribute.
/// </summary>
internal static class SubAttributeOperations
{
    public static void Apply(PatchContext context, PatchTarget target, PatchOperationType op, JsonNode? rawValue)
    {
        var sub = target.SubAttribute!;
        var value = op == PatchOperationType.Remove ? null : PatchValues.ForSubAttribute(rawValue, sub, context, target.PathText);
        if (value is null)
        {
            RemoveEverywhere(context, target);
            return;
        }

        var attributeName = target.Attribute.Name;
        var container = target.Resolved.GetContainer(context.Document, create: true)!;
        if (!target.Attribute.MultiValued)
        {
            WholeAttributeOperations.Merge(container, target.Attribute, new JsonObject { [sub.Name] = value });
            return;
        }

        if (container[attributeName] is not JsonArray { Count: > 0 } values)
        {
            container[attributeName] = new JsonArray(new JsonObject { [sub.Name] = value });
            return;
        }

        var written = values.OfType<JsonObject>().ToList();
        foreach (var element in written)
        {
            element[sub.Name] = value.DeepClone();
        }

        PrimaryValues.Enforce(values, written);
    }

    private static void RemoveEverywhere(PatchContext context, PatchTarget target)
    {
        var container = target.Resolved.GetContainer(context.Document);
        var attributeName = target.Attribute.Name;
        var subName = target.SubAttribute!.Name;
        switch (container?[attributeName])
        {
            case JsonObject single:
                single.Remove(subName);
                if (single.Count == 0)
                {
                    container.Remove(attributeName);
                }

                break;
            case JsonArray values:
                foreach (var element in values.OfType<JsonObject>().ToList())
                {
                    element.Remove(subName);
                    if (element.Count == 0)
                    {
                        values.Remove(element);
                    }
                }

                if (values.Count == 0)
                {
                    container.Remove(attributeName);
                }

                break;
        }
    }
}
