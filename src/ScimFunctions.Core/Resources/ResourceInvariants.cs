using System.Text.Json;
using ScimFunctions.Core.Values;

namespace ScimFunctions.Core.Resources;

/// <summary>Whole-resource invariants of a normalized document (see <see cref="ResourceValidator.CheckInvariants"/>).</summary>
internal static class ResourceInvariants
{
    /// <summary>
    /// <paramref name="stored"/>: the document derives from a stored one (PATCH), which never holds a
    /// <c>returned: never</c> value (see <see cref="NeverReturnedValues"/>), so a required one is not asked for.
    /// </summary>
    public static void Check(JsonObject resource, ResourceTypeDefinition resourceType, bool stored = false)
    {
        var rules = new Rules(stored);
        rules.CheckAttributes(resource, resourceType.Schema.Attributes, prefix: string.Empty);
        foreach (var extension in resourceType.Extensions)
        {
            if (resource[extension.Schema.Id] is JsonObject container)
            {
                rules.CheckAttributes(container, extension.Schema.Attributes, prefix: extension.Schema.Id + ":");
            }
            else if (extension.Required)
            {
                throw ScimException.InvalidValue($"The extension '{extension.Schema.Id}' is required for {resourceType.Name} resources.");
            }
        }
    }

    /// <summary>True for RFC 7643 §2.5's unassigned state (null, [], {}) and for blank strings.</summary>
    public static bool IsAbsent(JsonNode? value) => value switch
    {
        null => true,
        JsonArray array => array.All(IsAbsent),
        JsonObject obj => obj.All(pair => IsAbsent(pair.Value)),
        JsonValue scalar when scalar.GetValueKind() == JsonValueKind.String => string.IsNullOrWhiteSpace(JsonText.Of(scalar)),
        JsonValue scalar => scalar.GetValueKind() == JsonValueKind.Null,
        _ => false,
    };

    private readonly record struct Rules(bool Stored)
    {
        private bool IsRequired(AttributeDefinition attribute) =>
            attribute.Required && attribute.Mutability != Mutability.ReadOnly && !(Stored && NeverReturnedValues.IsNeverReturned(attribute));

        public void CheckAttributes(JsonObject container, IReadOnlyList<AttributeDefinition> attributes, string prefix)
        {
            foreach (var attribute in attributes)
            {
                CheckAttribute(container[attribute.Name], attribute, prefix + attribute.Name);
            }
        }

        private void CheckAttribute(JsonNode? value, AttributeDefinition attribute, string path)
        {
            if (IsAbsent(value))
            {
                if (IsRequired(attribute))
                {
                    throw ScimException.InvalidValue($"Attribute '{path}' is required.");
                }

                return;
            }

            if (attribute.MultiValued && value is JsonArray values)
            {
                PrimaryRule.Check(values, attribute, path);
                foreach (var element in values)
                {
                    CheckSubAttributes(element, attribute, path);
                }
            }
            else
            {
                CheckSubAttributes(value, attribute, path);
            }
        }

        private void CheckSubAttributes(JsonNode? value, AttributeDefinition attribute, string path)
        {
            if (value is not JsonObject complex)
            {
                return;
            }

            foreach (var sub in attribute.SubAttributes)
            {
                if (IsRequired(sub) && IsAbsent(complex[sub.Name]))
                {
                    throw ScimException.InvalidValue($"Attribute '{path}.{sub.Name}' is required.");
                }
            }
        }
    }
}
