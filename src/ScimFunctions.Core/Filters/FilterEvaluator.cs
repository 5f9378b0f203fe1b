using ScimFunctions.Core.Resources;

namespace ScimFunctions.Core.Filters;

/// <summary>
/// Evaluates a parsed filter against a resource document, with schema-aware typed comparison (RFC 7644 §3.4.2.2).
/// Paths that no schema of the resource type defines match nothing (so <c>not (unknown eq "x")</c> matches everything).
/// An operator the attribute's type does not support (e.g. <c>active gt true</c>) or a value that does not fit it
/// (e.g. <c>meta.created gt "yesterday"</c>) is 400 invalidFilter: <see cref="Validate"/> finds these up front, without a
/// resource, and <see cref="Matches"/> throws the same error when it meets them. So is any path to a
/// <c>returned: never</c> attribute (<see cref="NeverReturnedValues"/>): a filter over a value the service never returns
/// would reveal it one match at a time.
/// </summary>
public static class FilterEvaluator
{
    /// <summary>True when <paramref name="resource"/> matches <paramref name="filter"/>.</summary>
    public static bool Matches(FilterNode filter, JsonObject resource, ResourceTypeDefinition resourceType)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(resourceType);
        return Evaluate(filter, new Scope(resource, resourceType, null, null));
    }

    /// <summary>
    /// True when one value of <paramref name="attribute"/> (an element of a multi-valued attribute, or the value of a complex
    /// one) matches a value filter such as the <c>type eq "work"</c> of <c>emails[type eq "work"]</c>.
    /// </summary>
    public static bool MatchesValue(FilterNode valueFilter, JsonNode? value, AttributeDefinition attribute)
    {
        ArgumentNullException.ThrowIfNull(valueFilter);
        ArgumentNullException.ThrowIfNull(attribute);
        return Evaluate(valueFilter, new Scope(null, null, value, attribute));
    }

    /// <summary>
    /// Throws 400 invalidFilter when a comparison of <paramref name="filter"/> cannot apply to its attribute's type, or
    /// when any path of it (in a value filter too) names a <c>returned: never</c> attribute.
    /// </summary>
    public static void Validate(FilterNode filter, ResourceTypeDefinition resourceType)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(resourceType);
        ValidateNode(filter, resourceType, null);
    }

    /// <summary>The checks of <see cref="Validate"/> for a value filter over one value of <paramref name="attribute"/> (a PATCH path's filter).</summary>
    public static void ValidateValueFilter(FilterNode valueFilter, AttributeDefinition attribute)
    {
        ArgumentNullException.ThrowIfNull(valueFilter);
        ArgumentNullException.ThrowIfNull(attribute);
        ValidateNode(valueFilter, null, attribute);
    }

    private static void ValidateNode(FilterNode node, ResourceTypeDefinition? resourceType, AttributeDefinition? parent)
    {
        switch (node)
        {
            case AndNode and:
                ValidateNode(and.Left, resourceType, parent);
                ValidateNode(and.Right, resourceType, parent);
                break;
            case OrNode or:
                ValidateNode(or.Left, resourceType, parent);
                ValidateNode(or.Right, resourceType, parent);
                break;
            case NotNode not:
                ValidateNode(not.Inner, resourceType, parent);
                break;
            case ValuePathNode valuePath when parent is null && AttributeResolver.Resolve(valuePath.Path, resourceType!) is { SubAttribute: null } resolved:
                ValidateNode(valuePath.Filter, resourceType, CheckValuePath(resolved));
                break;
            case PresentNode present:
                _ = ResolveForValidation(present.Path, resourceType, parent);
                break;
            case ComparisonNode comparison:
                if (ResolveForValidation(comparison.Path, resourceType, parent) is { } found)
                {
                    FilterComparison.CheckAndConvert(comparison, found.Target, found.DisplayPath);
                }

                break;
        }
    }

    private static FilterOperand? ResolveForValidation(AttributePath path, ResourceTypeDefinition? resourceType, AttributeDefinition? parent) => parent is null
        ? FilterOperand.Resolve(path, [], resourceType!)
        : FilterOperand.ResolveInValue(path, null, parent);

    /// <summary>The attribute a value path filters the values of, unless it is never returned (400 invalidFilter).</summary>
    private static AttributeDefinition CheckValuePath(ResolvedAttribute resolved) =>
        NeverReturnedValues.IsNeverReturned(resolved) ? throw NeverReturnedValues.NotFilterable(resolved.QualifiedName) : resolved.Attribute;

    private static bool Evaluate(FilterNode node, Scope scope) => node switch
    {
        AndNode and => Evaluate(and.Left, scope) && Evaluate(and.Right, scope),
        OrNode or => Evaluate(or.Left, scope) || Evaluate(or.Right, scope),
        NotNode not => !Evaluate(not.Inner, scope),
        PresentNode present => scope.Resolve(present.Path) is { } operand && operand.PresenceValues.Any(FilterPresence.IsNonEmpty),
        ComparisonNode comparison => scope.Resolve(comparison.Path) is { } operand
            && FilterComparison.Matches(comparison.Operator, FilterComparison.CheckAndConvert(comparison, operand.Target, operand.DisplayPath), operand),
        ValuePathNode valuePath => EvaluateValuePath(valuePath, scope),
        _ => throw ScimException.InvalidFilter($"Unsupported filter expression '{node}'."),
    };

    private static bool EvaluateValuePath(ValuePathNode valuePath, Scope scope)
    {
        if (scope.Resource is null || AttributeResolver.Resolve(valuePath.Path, scope.ResourceType!) is not { SubAttribute: null } resolved)
        {
            return false;
        }

        var attribute = CheckValuePath(resolved);
        foreach (var value in FilterOperand.Elements(resolved.GetAttributeValue(scope.Resource)))
        {
            if (Evaluate(valuePath.Filter, new Scope(null, null, value, attribute)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Where paths resolve: the top of a resource, or one value of an attribute (inside a value filter).</summary>
    private readonly record struct Scope(JsonObject? Resource, ResourceTypeDefinition? ResourceType, JsonNode? Value, AttributeDefinition? Attribute)
    {
        public FilterOperand? Resolve(AttributePath path) => Resource is not null
            ? FilterOperand.Resolve(path, Resource, ResourceType!)
            : FilterOperand.ResolveInValue(path, Value, Attribute!);
    }
}
