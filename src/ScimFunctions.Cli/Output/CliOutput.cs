using System.Text.Json;
using Spectre.Console;

namespace ScimFunctions.Cli.Output;

/// <summary>
/// Where results go: with <c>--json</c>, one JSON document per command on standard output (errors as
/// <c>{"error":{…}}</c> on standard error); otherwise Spectre.Console tables and panels.
/// </summary>
internal sealed class CliOutput(TextWriter output, TextWriter error, bool json)
{
    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };

    public bool IsJson { get; } = json;

    /// <summary>Standard output itself, for raw data such as CSV.</summary>
    public TextWriter Writer => output;

    /// <summary>The human console (tables, progress bars); not used in JSON mode.</summary>
    public IAnsiConsole Console { get; } = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(output),
        // A terminal only: standard output piped or redirected to a file gets no colour or cursor codes.
        Ansi = IsTerminal(output) ? AnsiSupport.Detect : AnsiSupport.No,
        Interactive = IsTerminal(output) ? InteractionSupport.Detect : InteractionSupport.No,
    });

    /// <summary>Writes the command's result: <paramref name="json"/> in JSON mode, else what <paramref name="human"/> renders.</summary>
    public void Result(JsonNode json, Action<IAnsiConsole> human)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(human);
        if (IsJson)
        {
            output.WriteLine(json.ToJsonString(s_indented));
        }
        else
        {
            human(Console);
        }
    }

    /// <summary>True when the human console can draw a live progress bar (a terminal); else progress is plain lines (<see cref="ProgressLines"/>).</summary>
    public bool CanDrawProgress => !IsJson && Console.Profile.Capabilities.Interactive;

    /// <summary>Plain progress lines on standard error, so a pipe of standard output keeps only the result.</summary>
    public ProgressLines ProgressLines(string what, int total) => new(error, what, total);

    private static bool IsTerminal(TextWriter output) => ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected;

    /// <summary>A line exactly as given (tokens, URLs, command lines): no markup, no wrapping.</summary>
    public void WriteRawLine(string text) => output.WriteLine(text);

    /// <summary>
    /// One line for a failure no command anticipated: malformed stored data or any other fault. Never a stack trace;
    /// the message is folded onto one line.
    /// </summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = exception switch
        {
            FormatException or JsonException or InvalidDataException => "Stored data is malformed: " + exception.Message,
            _ => $"Unexpected failure ({exception.GetType().Name}): {exception.Message}",
        };
        return string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    public void Error(string message, int? status)
    {
        if (IsJson)
        {
            var body = new JsonObject { ["message"] = message };
            if (status is { } code)
            {
                body["status"] = code;
            }

            error.WriteLine(new JsonObject { ["error"] = body }.ToJsonString());
        }
        else
        {
            error.WriteLine("error: " + message);
        }
    }
}
