using System.Globalization;
using ScimFunctions.Core.Filters;

namespace ScimFunctions.Core.Patch;

/// <summary>
/// The values of a complex attribute selected by a PATCH value filter (<c>emails[type eq "work"]</c>), and the value a
/// filtered <c>add</c> creates when none matches.
/// </summary>
internal static class ValueFilterMatcher
{
    /// <summary>The values of the target attribute in the document that match its filter (the filter's own typed, caseExact-aware comparison).</summary>
    public static List<JsonObject> Matching(PatchContext context, PatchTarget target)
    {
        var matches = new List<JsonObject>();
        switch (target.Resolved.GetAttributeValue(context.Document))
        {
            case JsonArray values:
                foreach (var value in values)
                {
                    if (value is JsonObject element && FilterEvaluator.MatchesValue(target.Filter!, element, target.Attribute))
                    {
                        matches.Add(element);
                    }
                }

                break;
            case JsonObject single when FilterEvaluator.MatchesValue(target.Filter!, single, target.Attribute):
                matches.Add(single);
                break;
        }

        return matches;
    }

    /// <summary>
    /// The value a filtered <c>add</c> creates when no value matches (Entra ID's <c>Add</c> on
    /// <c>emails[type eq "work"].value</c> for a user without a work email): the sub-attributes fixed by the filter's
    /// <c>eq</c> terms joined by <c>and</c>. Null when the filter does not pin the value down that way.
    /// </summary>
    public static JsonObject? CreateFromFilter(FilterNode filter, AttributeDefinition attribute)
    {
        var created = new JsonObject();
        return Collect(filter, attribute, created) && created.Count > 0 ? created : null;
    }

    private static bool Collect(FilterNode node, AttributeDefinition attribute, JsonObject created)
    {
        switch (node)
        {
            case AndNode and:
                return Collect(and.Left, attribute, created) && Collect(and.Right, attribute, created);
            case ComparisonNode { Operator: ComparisonOperator.Eq, Path.SubAttribute: null } comparison:
                var sub = attribute.FindSubAttribute(comparison.Path.Name);
                var literal = ToJson(comparison.Value);
                if (sub is null || literal is null || created.ContainsKey(sub.Name))
                {
                    return false;
                }

                created[sub.Name] = literal;
                return true;
            default:
                return false;
        }
    }

    private static JsonValue? ToJson(FilterLiteral literal) => literal.Kind switch
    {
        FilterLiteralKind.String => JsonValue.Create(literal.Text),
        FilterLiteralKind.True => JsonValue.Create(true),
        FilterLiteralKind.False => JsonValue.Create(false),
        FilterLiteralKind.Number => decimal.TryParse(literal.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? JsonValue.Create(number) : null,
        _ => null,
    };
}
