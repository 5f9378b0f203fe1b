using System.Text.Json;

namespace ScimFunctions.Core.Resources;

/// <summary>RFC 7643 §2.4: the primary attribute value 'true' MUST appear no more than once per multi-valued attribute.</summary>
internal static class PrimaryRule
{
    public static void Check(JsonArray values, AttributeDefinition attribute, string path)
    {
        var primaries = 0;
        foreach (var value in values)
        {
            if (value is JsonObject element && element["primary"] is JsonValue primary && primary.GetValueKind() == JsonValueKind.True)
            {
                primaries++;
            }
        }

        if (primaries > 1)
        {
            throw ScimException.InvalidValue($"At most one value of '{path}' may have \"primary\": true ({primaries} do).");
        }
    }
}
