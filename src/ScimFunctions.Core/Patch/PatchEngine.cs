namespace ScimFunctions.Core.Patch;

/// <summary>
/// Applies a PATCH (RFC 7644 §3.5.2) atomically: every operation, in order, to a deep copy of the resource; the first
/// failing operation throws a <see cref="Errors.ScimException"/> and nothing is returned, so the caller's document is
/// never changed. Each path is parsed once, resolved against the resource type, and applied through a few adapters
/// (whole attribute, sub-attribute, filtered values, path-less object, externalized attribute); mutability is checked by
/// comparing the target before and after its operation. Values are normalized with
/// <see cref="Resources.ResourceValidator.NormalizeValue"/> and the result is checked with
/// <see cref="Resources.ResourceValidator.CheckInvariants"/>.
/// </summary>
public static class PatchEngine
{
    public static PatchResult Apply(JsonObject resource, PatchRequest request, ResourceTypeDefinition resourceType, PatchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(resourceType);

        var context = new PatchContext(resource, resourceType, options ?? new PatchOptions());
        foreach (var operation in request.Operations)
        {
            Apply(context, operation);
        }

        return context.Complete();
    }

    private static void Apply(PatchContext context, PatchOperation operation)
    {
        if (operation.Path is null)
        {
            if (operation.Value is JsonObject attributes)
            {
                PathlessOperations.Apply(context, operation.Op, attributes);
                return;
            }

            throw Errors.ScimException.NoTarget("An operation without a \"path\" needs a JSON object of attributes as its \"value\".");
        }

        if (context.ResourceType.FindSchema(operation.Path) is { } schema)
        {
            PathlessOperations.ApplySchemaObject(context, schema, operation.Op, operation.Value, operation.Path);
            return;
        }

        var target = PatchTarget.Resolve(PatchPath.Parse(operation.Path), context.ResourceType, operation.Path);
        ApplyTo(context, target, operation.Op, operation.Value);
    }

    internal static void ApplyTo(PatchContext context, PatchTarget target, PatchOperationType op, JsonNode? value)
    {
        if (context.IsExternalized(target.Resolved))
        {
            ExternalizedOperations.Apply(context, target, op, value);
            return;
        }

        var guard = MutabilityGuard.Before(context, target);
        if (target.Filter is not null)
        {
            FilteredValueOperations.Apply(context, target, op, value);
        }
        else if (target.SubAttribute is not null)
        {
            SubAttributeOperations.Apply(context, target, op, value);
        }
        else
        {
            WholeAttributeOperations.Apply(context, target, op, value);
        }

        guard.After(context);
        context.Touch(target.Resolved);
    }
}
