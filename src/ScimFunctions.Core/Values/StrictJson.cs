using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace ScimFunctions.Core.Values;

/// <summary>
/// The one reader of client JSON. Before any node is built, one forward pass over the UTF-8 text refuses what
/// <see cref="JsonNode"/> would otherwise accept and fail on later (as a 500, possibly after a write):
/// <list type="bullet">
/// <item>a member name repeated within one object, at any depth, compared case-insensitively (RFC 7643 §2.1:
/// attribute names are case-insensitive, so <c>userName</c> and <c>USERNAME</c> in one object name the same attribute);</item>
/// <item>invalid UTF-8 inside a string or a member name;</item>
/// <item>an escaped lone surrogate (<c>"\ud800"</c>) or a reversed pair: text that has no Unicode scalar value;</item>
/// <item>nesting deeper than the given limit, and any syntax error.</item>
/// </list>
/// Every refusal is 400 invalidSyntax naming the byte offset, never the offending text (it is user data).
/// </summary>
public static class StrictJson
{
    public static JsonNode Parse(ReadOnlyMemory<byte> utf8, int maxDepth)
    {
        Check(utf8.Span, maxDepth);
        return JsonNode.Parse(utf8.Span, documentOptions: new JsonDocumentOptions { MaxDepth = maxDepth })
            ?? throw ScimException.InvalidSyntax("The request body must be a JSON object, not null.");
    }

    private static void Check(ReadOnlySpan<byte> utf8, int maxDepth)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = maxDepth });
        // The names of each open object, one set per nesting level, reused by the next object at that level.
        var names = new List<HashSet<string>>();
        var open = 0;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        if (open == names.Count)
                        {
                            names.Add(new HashSet<string>(StringComparer.OrdinalIgnoreCase));
                        }
                        else
                        {
                            names[open].Clear();
                        }

                        open++;
                        break;
                    case JsonTokenType.EndObject:
                        open--;
                        break;
                    case JsonTokenType.PropertyName:
                        if (!names[open - 1].Add(Text(ref reader)))
                        {
                            throw Refused(reader, "repeats a member name within one object (names are case-insensitive)");
                        }

                        break;
                    case JsonTokenType.String:
                        CheckText(ref reader);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            throw ScimException.InvalidSyntax($"The request body is not valid JSON (or nests deeper than {maxDepth} levels).");
        }
    }

    /// <summary>The unescaped text; invalid UTF-8 and lone surrogates make the reader throw InvalidOperationException.</summary>
    private static string Text(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString() ?? string.Empty;
        }
        catch (InvalidOperationException)
        {
            throw Refused(reader, "holds text that is not valid UTF-8 or an escaped lone surrogate");
        }
    }

    /// <summary>
    /// What <see cref="Text"/> checks, without keeping the text: the value is unescaped and transcoded into a scratch
    /// buffer (the same checks as <c>GetString</c>), so a string value costs no string.
    /// </summary>
    private static void CheckText(ref Utf8JsonReader reader)
    {
        const int OnStack = 256;

        // The reader reads one contiguous span; UTF-16 never needs more code units than the escaped UTF-8 has bytes.
        var length = reader.ValueSpan.Length;
        char[]? rented = null;
        var buffer = length <= OnStack ? stackalloc char[OnStack] : (rented = ArrayPool<char>.Shared.Rent(length));
        try
        {
            reader.CopyString(buffer);
        }
        catch (InvalidOperationException)
        {
            throw Refused(reader, "holds text that is not valid UTF-8 or an escaped lone surrogate");
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private static ScimException Refused(Utf8JsonReader reader, string what) =>
        ScimException.InvalidSyntax(string.Create(CultureInfo.InvariantCulture, $"The request body {what} (at byte {reader.TokenStartIndex})."));
}
