using System.Text;

namespace ScimFunctions.Cli.Csv;

/// <summary>
/// Reads RFC 4180 CSV: comma-separated, fields optionally in double quotes (quotes doubled inside; commas and line
/// breaks allowed there), CRLF or LF line ends, a leading byte order mark ignored, blank lines skipped.
/// </summary>
internal static class CsvReader
{
    /// <summary>Each record with the 1-based line on which it starts.</summary>
    public static IEnumerable<(int Line, IReadOnlyList<string> Fields)> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var position = text.StartsWith('\uFEFF') ? 1 : 0;
        var line = 1;
        while (position < text.Length)
        {
            var recordLine = line;
            var fields = new List<string>();
            var field = new StringBuilder();
            var endOfRecord = false;
            while (!endOfRecord)
            {
                if (position < text.Length && text[position] == '"')
                {
                    position++;
                    while (true)
                    {
                        if (position >= text.Length)
                        {
                            throw new FormatException($"Line {recordLine}: a quoted field is not closed.");
                        }

                        var c = text[position++];
                        if (c == '"')
                        {
                            if (position < text.Length && text[position] == '"')
                            {
                                field.Append('"');
                                position++;
                                continue;
                            }

                            break;
                        }

                        line += c == '\n' ? 1 : 0;
                        field.Append(c);
                    }
                }

                while (position < text.Length && text[position] is not (',' or '\n' or '\r'))
                {
                    field.Append(text[position++]);
                }

                fields.Add(field.ToString());
                field.Clear();
                if (position < text.Length && text[position] == ',')
                {
                    position++;
                    continue;
                }

                if (position < text.Length && text[position] == '\r')
                {
                    position++;
                }

                if (position < text.Length && text[position] == '\n')
                {
                    position++;
                }

                line++;
                endOfRecord = true;
            }

            if (fields.Count > 1 || fields[0].Length > 0)
            {
                yield return (recordLine, fields);
            }
        }
    }
}
