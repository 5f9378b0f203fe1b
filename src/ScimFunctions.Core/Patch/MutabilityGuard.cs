namespace ScimFunctions.Core.Patch;

/// <summary>
/// Enforces RFC 7643 §7 mutability on one operation by comparing the attribute before and after it: a readOnly target
/// must not change, an immutable target must not change once it has a value (RFC 7644 §3.5.2: a client MAY add a value
/// to an immutable attribute that had none). Writing the value a readOnly attribute already has is a no-op, which is what
/// Okta needs when it sends <c>{"id": …, "displayName": …}</c> with every group rename.
/// </summary>
internal readonly struct MutabilityGuard
{
    private readonly PatchTarget? _target;
    private readonly JsonNode? _before;

    private MutabilityGuard(PatchTarget target, JsonNode? before)
    {
        _target = target;
        _before = before;
    }

    public static MutabilityGuard Before(PatchContext context, PatchTarget target)
    {
        if (!IsReadOnly(target) && !IsImmutable(target))
        {
            return default;
        }

        return new MutabilityGuard(target, target.Resolved.GetAttributeValue(context.Document)?.DeepClone());
    }

    public void After(PatchContext context)
    {
        if (_target is null)
        {
            return;
        }

        var after = _target.Resolved.GetAttributeValue(context.Document);
        if (JsonEquality.Same(_before, after))
        {
            return;
        }

        var name = _target.SubAttribute is null ? _target.Attribute.Name : _target.Attribute.Name + "." + _target.SubAttribute.Name;
        if (IsReadOnly(_target))
        {
            throw ScimException.Mutability($"The attribute '{name}' is readOnly and cannot be changed.");
        }

        var hadValue = _target.SubAttribute is { Mutability: Mutability.Immutable } sub && _target.Attribute.Mutability != Mutability.Immutable
            ? HasSubAttributeValue(_before, sub.Name)
            : _before is not null;
        if (hadValue)
        {
            throw ScimException.Mutability($"The attribute '{name}' is immutable and already has a value.");
        }
    }

    private static bool IsReadOnly(PatchTarget target) =>
        target.Attribute.Mutability == Mutability.ReadOnly || target.SubAttribute?.Mutability == Mutability.ReadOnly;

    private static bool IsImmutable(PatchTarget target) =>
        target.Attribute.Mutability == Mutability.Immutable || target.SubAttribute?.Mutability == Mutability.Immutable;

    private static bool HasSubAttributeValue(JsonNode? value, string subAttribute) => value switch
    {
        JsonObject single => single[subAttribute] is not null,
        JsonArray values => values.Any(element => element is JsonObject json && json[subAttribute] is not null),
        _ => false,
    };
}
