using System.Text.Json;
using System.Text.Json.Nodes;
using ScimFunctions.Core.Errors;
using ScimFunctions.Core.Schemas;

namespace ScimFunctions.Core.Resources;

/// <summary>Whole-resource invariants of a normalized document (see <see cref="ResourceValidator.CheckInvariants"/>).</summary>
internal static class ResourceInvariants
{
    public static void Check(JsonObject resource, ResourceTypeDefinition resourceType)
    {
        CheckAttributes(resource, resourceType.Schema.Attributes, prefix: string.Empty);
        foreach (var extension in resourceType.Extensions)
        {
            if (resource[extension.Schema.Id] is JsonObject container)
            {
                CheckAttributes(container, extension.Schema.Attributes, prefix: extension.Schema.Id + ":");
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

    private static void CheckAttributes(JsonObject container, IReadOnlyList<AttributeDefinition> attributes, string prefix)
    {
        foreach (var attribute in attributes)
        {
            CheckAttribute(container[attribute.Name], attribute, prefix + attribute.Name);
        }
    }

    private static void CheckAttribute(JsonNode? value, AttributeDefinition attribute, string path)
    {
        if (IsAbsent(value))
        {
            if (attribute.Required && attribute.Mutability != Mutability.ReadOnly)
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

    private static void CheckSubAttributes(JsonNode? value, AttributeDefinition attribute, string path)
    {
        if (value is not JsonObject complex)
        {
            return;
        }

        foreach (var sub in attribute.SubAttributes)
        {
            if (sub.Required && sub.Mutability != Mutability.ReadOnly && IsAbsent(complex[sub.Name]))
            {
                throw ScimException.InvalidValue($"Attribute '{path}.{sub.Name}' is required.");
            }
        }
    }
}
