using ScimFunctions.Core.Filters;
using ScimFunctions.Core.Values;

namespace ScimFunctions.Core.Patch;

/// <summary>
/// Operations on an attribute kept outside the document (a group's members, stored as rows), folded into
/// <see cref="PatchContext.Members"/> instead of applied to the document:
/// <list type="bullet">
/// <item>add with values: those values are added (adding an existing member is the store's no-op).</item>
/// <item>replace with values: every value is cleared, then those are added.</item>
/// <item>remove without value: every value is cleared.</item>
/// <item>remove with a value array (Entra ID, JumpCloud; <see cref="CompatibilityOptions.RemoveMembersByValueArray"/>):
/// only the listed values are removed.</item>
/// <item>remove with <c>members[value eq "id"]</c> (Okta, Entra ID with aadOptscim062020), or an <c>or</c> of such terms:
/// those values are removed; any other filter goes to <see cref="PatchOptions.ResolveExternalizedValues"/>.</item>
/// </list>
/// </summary>
internal static class ExternalizedOperations
{
    public static void Apply(PatchContext context, PatchTarget target, PatchOperationType op, JsonNode? rawValue)
    {
        var members = context.Members!;
        if (target.SubAttribute is not null || (target.Filter is not null && op != PatchOperationType.Remove))
        {
            throw ScimException.InvalidPath(
                $"The path {PatchErrors.Quote(target.PathText)} is not supported: '{target.Attribute.Name}' values are added or replaced whole, and removed by value or by a filter.");
        }

        switch (op)
        {
            case PatchOperationType.Add:
                AddAll(context, target, rawValue);
                break;
            case PatchOperationType.Replace:
                members.Clear();
                AddAll(context, target, rawValue);
                break;
            case PatchOperationType.Remove when target.Filter is not null:
                foreach (var value in Filtered(context, target))
                {
                    members.Remove(value);
                }

                break;
            case PatchOperationType.Remove when rawValue is null:
                members.Clear();
                break;
            case PatchOperationType.Remove when !context.Compatibility.RemoveMembersByValueArray:
                throw ScimException.InvalidSyntax($"A \"remove\" of {PatchErrors.Quote(target.PathText)} takes no \"value\"; select values with a filter path instead.");
            default:
                foreach (var member in Listed(context, target, rawValue))
                {
                    members.Remove(member.Value);
                }

                break;
        }
    }

    private static void AddAll(PatchContext context, PatchTarget target, JsonNode? rawValue)
    {
        foreach (var member in Listed(context, target, rawValue))
        {
            context.Members!.Add(member);
        }
    }

    private static List<MemberReference> Listed(PatchContext context, PatchTarget target, JsonNode? rawValue)
    {
        var references = new List<MemberReference>();
        if (PatchValues.ForAttribute(rawValue, target.Attribute, context, target.PathText) is not JsonArray values)
        {
            return references;
        }

        foreach (var value in values)
        {
            if (value is not JsonObject element || !JsonText.TryGetString(element["value"], out var id) || string.IsNullOrWhiteSpace(id))
            {
                throw ScimException.InvalidValue($"Each value of {PatchErrors.Quote(target.PathText)} needs a non-empty \"value\".");
            }

            JsonText.TryGetString(element["type"], out var type);
            JsonText.TryGetString(element["display"], out var display);
            references.Add(new MemberReference(id, type, display));
        }

        return references;
    }

    private static IEnumerable<string> Filtered(PatchContext context, PatchTarget target)
    {
        var ids = new List<string>();
        if (CollectValueEqualities(target.Filter!, ids))
        {
            return ids;
        }

        var resolve = context.Options.ResolveExternalizedValues
            ?? throw ScimException.InvalidFilter(
                $"The filter of {PatchErrors.Quote(target.PathText)} is not supported; select '{target.Attribute.Name}' values with value eq \"id\" (or several joined by or).");
        return resolve(target.Filter!).Select(member => member.Value);
    }

    /// <summary>True when the filter is <c>value eq "id"</c> or an <c>or</c> of such terms; collects the ids.</summary>
    private static bool CollectValueEqualities(FilterNode filter, List<string> ids)
    {
        switch (filter)
        {
            case OrNode or:
                return CollectValueEqualities(or.Left, ids) && CollectValueEqualities(or.Right, ids);
            case ComparisonNode { Operator: ComparisonOperator.Eq, Path: { SchemaUrn: null, SubAttribute: null } path, Value: { Kind: FilterLiteralKind.String, Text: { } id } }
                when string.Equals(path.Name, "value", StringComparison.OrdinalIgnoreCase):
                ids.Add(id);
                return true;
            default:
                return false;
        }
    }
}
