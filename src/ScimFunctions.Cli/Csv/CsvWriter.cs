namespace ScimFunctions.Cli.Csv;

/// <summary>Writes RFC 4180 CSV with CRLF line ends, quoting a field only when it needs it.</summary>
internal static class CsvWriter
{
    private static readonly char[] s_needsQuotes = [',', '"', '\r', '\n'];

    public static async Task WriteRecordAsync(TextWriter writer, IEnumerable<string?> fields)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first)
            {
                await writer.WriteAsync(',');
            }

            first = false;
            var value = field ?? string.Empty;
            await writer.WriteAsync(value.IndexOfAny(s_needsQuotes) >= 0 || value.StartsWith(' ') || value.EndsWith(' ')
                ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
                : value);
        }

        await writer.WriteAsync("\r\n");
    }
}
