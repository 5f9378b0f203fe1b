using System.Text.Json;

namespace ScimFunctions.Core.Patch;

/// <summary>
/// RFC 7643 §2.4: "primary": true appears at most once per multi-valued attribute, so a value written as primary takes
/// the flag away from the others (a client that makes the work email primary does not have to demote the home one).
/// </summary>
internal static class PrimaryValues
{
    public static void Enforce(JsonArray? values, IReadOnlyCollection<JsonObject> written)
    {
        if (values is null || !written.Any(IsPrimary))
        {
            return;
        }

        foreach (var element in values)
        {
            if (element is JsonObject other && !written.Contains(other) && IsPrimary(other))
            {
                other.Remove("primary");
            }
        }
    }

    private static bool IsPrimary(JsonObject element) => element["primary"] is JsonValue flag && flag.GetValueKind() == JsonValueKind.True;
}
