using System.Globalization;
using System.Text.Json;
using ScimFunctions.Core.Patch;
using ScimFunctions.Core.Resources;
using ScimFunctions.Core.Schemas;

namespace ScimFunctions.Cli.Csv;

/// <summary>
/// Users as CSV, with no per-attribute code: a column header is a SCIM attribute path, exactly as a PATCH would
/// name it (<c>userName</c>, <c>name.givenName</c>, <c>emails[type eq "work"].value</c>,
/// <c>urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department</c>). On import each non-empty cell
/// becomes an <c>add</c> of that path, applied by the <see cref="PatchEngine"/> to an empty user and then validated by
/// <see cref="ResourceValidator.Normalize"/>, so a CSV row obeys the same rules as a POST. Export writes the same
/// paths, so an export imports again. Server-assigned columns (<c>id</c>, <c>meta.*</c>, <c>groups…</c>) are
/// written on export and ignored on import.
/// </summary>
internal static class UserCsv
{
    public static bool IsServerAssigned(string column) =>
        column.Equals("id", StringComparison.OrdinalIgnoreCase)
        || column.StartsWith("meta.", StringComparison.OrdinalIgnoreCase)
        || column.StartsWith("groups", StringComparison.OrdinalIgnoreCase);

    /// <summary>The normalized user document a CSV row describes; throws a ScimException on invalid values.</summary>
    public static JsonObject ToUser(IReadOnlyList<string> header, IReadOnlyList<string> row, ResourceTypeDefinition userType, CompatibilityOptions compatibility)
    {
        var operations = new List<PatchOperation>();
        for (var i = 0; i < header.Count && i < row.Count; i++)
        {
            if (row[i].Length > 0 && !IsServerAssigned(header[i]))
            {
                operations.Add(new PatchOperation(PatchOperationType.Add, header[i], JsonValue.Create(row[i])));
            }
        }

        var empty = new JsonObject { ["schemas"] = new JsonArray(userType.Schema.Id) };
        var built = PatchEngine.Apply(empty, new PatchRequest(operations), userType, new PatchOptions { Compatibility = compatibility });
        return ResourceValidator.Normalize(built.Resource, userType, compatibility);
    }

    /// <summary>A user flattened to column path → cell text.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Flatten(JsonObject user)
    {
        var cells = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in user)
        {
            if (name is "schemas" or "meta")
            {
                continue;
            }

            if (name.StartsWith("urn:", StringComparison.OrdinalIgnoreCase) && value is JsonObject extension)
            {
                foreach (var (attribute, attributeValue) in extension)
                {
                    FlattenAttribute(name + ":" + attribute, attributeValue, cells);
                }
            }
            else
            {
                FlattenAttribute(name, value, cells);
            }
        }

        return cells;
    }

    private static void FlattenAttribute(string path, JsonNode? value, List<KeyValuePair<string, string>> cells)
    {
        switch (value)
        {
            case JsonValue scalar:
                cells.Add(new(path, Text(scalar)));
                break;
            case JsonObject complex:
                foreach (var (sub, subValue) in complex)
                {
                    if (subValue is JsonValue subScalar)
                    {
                        cells.Add(new($"{path}.{sub}", Text(subScalar)));
                    }
                }

                break;
            case JsonArray elements:
                // Multi-valued attributes are written per typed element (emails[type eq "work"].value), the form
                // import reads back; elements without a type have no stable column and are left out.
                foreach (var element in elements.OfType<JsonObject>())
                {
                    if (element["type"] is JsonValue type && type.TryGetValue<string>(out var typeName))
                    {
                        var filter = $"{path}[type eq {JsonSerializer.Serialize(typeName)}]";
                        foreach (var (sub, subValue) in element)
                        {
                            if (sub != "type" && subValue is JsonValue subScalar)
                            {
                                cells.Add(new($"{filter}.{sub}", Text(subScalar)));
                            }
                        }
                    }
                }

                break;
        }
    }

    private static string Text(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => Convert.ToString(value.ToJsonString(), CultureInfo.InvariantCulture),
    };
}
