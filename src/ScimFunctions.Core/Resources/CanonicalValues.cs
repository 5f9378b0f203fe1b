using System.Text.Json;
using ScimFunctions.Core.Values;

namespace ScimFunctions.Core.Resources;

/// <summary>
/// Decision on canonical values: RFC 7643 §7 calls <c>canonicalValues</c> "suggested" values, and §4.1.2 lets
/// clients use other type labels, so no list is treated as closed and any value is accepted. A value equal to a
/// canonical value ignoring case is written in the canonical spelling ("Work" → "work", "user" → "User"), so that
/// stored documents, filters and projections see one spelling. Nothing is rejected for not being canonical.
/// </summary>
internal static class CanonicalValues
{
    public static JsonValue Apply(JsonValue value, AttributeDefinition attribute)
    {
        if (attribute.CanonicalValues.Count == 0 || value.GetValueKind() != JsonValueKind.String)
        {
            return value;
        }

        var text = JsonText.Of(value);
        foreach (var canonical in attribute.CanonicalValues)
        {
            if (string.Equals(canonical, text, StringComparison.OrdinalIgnoreCase))
            {
                return string.Equals(canonical, text, StringComparison.Ordinal) ? value : JsonValue.Create(canonical);
            }
        }

        return value;
    }
}
