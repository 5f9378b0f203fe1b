using System.Text.Json;

namespace ScimFunctions.LocalHost;

/// <summary>
/// Reads the <c>Values</c> of local.settings.json (the Functions host's file) as configuration, so both hosts run from
/// the same settings. Keys written with <c>__</c> (e.g. <c>Scim__Storage__ConnectionString</c>) map to <c>:</c>.
/// </summary>
public static class LocalSettings
{
    public const string FileName = "local.settings.json";

    /// <summary>The first local.settings.json found in <paramref name="directories"/> (in order); null when none.</summary>
    public static string? Find(params string?[] directories)
    {
        ArgumentNullException.ThrowIfNull(directories);
        return directories
            .Where(d => !string.IsNullOrEmpty(d))
            .Select(d => Path.Combine(d!, FileName))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>The settings of the file's <c>Values</c> object, keys mapped to configuration paths.</summary>
    public static IReadOnlyDictionary<string, string?> Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("Values", out var section) && section.ValueKind == JsonValueKind.Object)
        {
            foreach (var setting in section.EnumerateObject())
            {
                var key = setting.Name.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal);
                values[key] = setting.Value.ValueKind == JsonValueKind.String ? setting.Value.GetString() : setting.Value.GetRawText();
            }
        }

        return values;
    }
}
