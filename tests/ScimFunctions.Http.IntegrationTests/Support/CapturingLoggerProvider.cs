using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace ScimFunctions.Http.IntegrationTests.Support;

/// <summary>Keeps every log line the host writes, with its scopes rendered, so tests can read what an operator would.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<CapturedLine> Lines { get; } = new();

    /// <summary>
    /// The host's own JSON console formatter (as <c>AddJsonConsole</c> configured it), set once the host is built:
    /// every line is then also kept as the JSON the console would print (<see cref="JsonLines"/>).
    /// </summary>
    public ConsoleFormatter? JsonFormatter { get; set; }

    public ConcurrentQueue<string> JsonLines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    public sealed record CapturedLine(string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Scope, string? Exception)
    {
        public string AllText => $"{Category} {Message} {string.Join(' ', Scope.Select(p => p.Key + "=" + p.Value))} {Exception}";
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scope = new Dictionary<string, object?>(StringComparer.Ordinal);
            var text = new StringBuilder();
            owner._scopes.ForEachScope(
                (value, _) =>
                {
                    if (value is IEnumerable<KeyValuePair<string, object?>> pairs)
                    {
                        foreach (var pair in pairs)
                        {
                            scope[pair.Key] = pair.Value;
                        }
                    }
                    else
                    {
                        text.Append(value).Append(' ');
                    }
                },
                (object?)null);
            if (text.Length > 0)
            {
                scope["_text"] = text.ToString();
            }

            if (owner.JsonFormatter is { } json)
            {
                using var writer = new StringWriter();
                json.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), owner._scopes, writer);
                owner.JsonLines.Enqueue(writer.ToString());
            }

            var properties = state as IEnumerable<KeyValuePair<string, object?>>;
            var message = formatter(state, exception) + " " + string.Join(' ', properties?.Select(p => p.Key + "=" + p.Value) ?? []);
            owner.Lines.Enqueue(new CapturedLine(category, logLevel, message, scope, exception?.ToString()));
        }
    }
}
