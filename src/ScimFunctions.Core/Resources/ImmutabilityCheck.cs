using System.Text.Json;
using ScimFunctions.Core.Values;

namespace ScimFunctions.Core.Resources;

/// <summary>RFC 7643 §7 <c>immutable</c>: once an attribute has a value, that value may not change (see <see cref="ResourceValidator.CheckImmutable"/>).</summary>
internal static class ImmutabilityCheck
{
    public static void Check(JsonObject existing, JsonObject replacement, ResourceTypeDefinition resourceType)
    {
        foreach (var schema in resourceType.AllSchemas)
        {
            var isCore = ReferenceEquals(schema, resourceType.Schema);
            var before = isCore ? existing : existing[schema.Id] as JsonObject;
            if (before is null)
            {
                continue;
            }

            var after = isCore ? replacement : replacement[schema.Id] as JsonObject;
            var prefix = isCore ? string.Empty : schema.Id + ":";
            foreach (var attribute in schema.Attributes.Concat(isCore ? CommonAttributes.All : []))
            {
                CheckAttribute(before[attribute.Name], after?[attribute.Name], attribute, prefix + attribute.Name);
            }
        }
    }

    private static void CheckAttribute(JsonNode? before, JsonNode? after, AttributeDefinition attribute, string path)
    {
        if (ResourceInvariants.IsAbsent(before))
        {
            return;
        }

        if (attribute.Mutability == Mutability.Immutable)
        {
            if (!AreEqual(before, after, attribute))
            {
                throw ScimException.Mutability($"Attribute '{path}' is immutable and cannot be changed once set.");
            }

            return;
        }

        if (attribute.Type == ScimAttributeType.Complex && !attribute.MultiValued)
        {
            foreach (var sub in attribute.SubAttributes)
            {
                CheckAttribute(before?[sub.Name], (after as JsonObject)?[sub.Name], sub, path + "." + sub.Name);
            }
        }
    }

    private static bool AreEqual(JsonNode? before, JsonNode? after, AttributeDefinition attribute)
    {
        if (!attribute.CaseExact
            && before is JsonValue left && left.GetValueKind() == JsonValueKind.String
            && after is JsonValue right && right.GetValueKind() == JsonValueKind.String)
        {
            return string.Equals(JsonText.Of(left), JsonText.Of(right), StringComparison.OrdinalIgnoreCase);
        }

        return JsonNode.DeepEquals(before, after);
    }
}
