using System.Text.Json;
using System.Text.Json.Serialization;

namespace ScimFunctions.LoadTool.Reporting;

/// <summary>The --json form of a report: camelCase, indented, numbers as numbers.</summary>
internal static class ReportJson
{
    private static readonly JsonSerializerOptions _options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize<T>(T report) => JsonSerializer.Serialize(report, _options);

    public static async Task WriteAsync<T>(T report, string path, CancellationToken cancellationToken = default)
    {
        await using var stream = File.Create(path);
        await JsonSerializer.SerializeAsync(stream, report, _options, cancellationToken);
    }
}
