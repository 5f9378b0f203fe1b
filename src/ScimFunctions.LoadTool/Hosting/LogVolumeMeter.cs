using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace ScimFunctions.LoadTool.Hosting;

/// <summary>
/// The in-process host's stand-in for the production log pipeline: every line at Information or higher (what host.json
/// lets through) is rendered as a JSON console line would be (level, category, message, state, scopes) and its bytes
/// are counted, then discarded. A run reports the bytes per request (<see cref="Bytes"/>) and pays the formatting CPU and
/// allocations a real sink would.
/// </summary>
internal sealed class LogVolumeMeter : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();
    private long _bytes;

    /// <summary>Bytes of log output so far.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(LogVolumeMeter owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var counter = new CountingStream();
            using (var json = new Utf8JsonWriter(counter))
            {
                json.WriteStartObject();
                json.WriteString("Timestamp", DateTimeOffset.UtcNow);
                json.WriteNumber("EventId", eventId.Id);
                json.WriteString("LogLevel", logLevel.ToString());
                json.WriteString("Category", category);
                json.WriteString("Message", formatter(state, exception));
                WriteProperties(json, "State", state);
                json.WriteStartArray("Scopes");
                owner._scopes.ForEachScope((scope, writer) => WriteProperties(writer, null, scope), json);
                json.WriteEndArray();
                json.WriteEndObject();
            }

            Interlocked.Add(ref owner._bytes, counter.Length + 1);
        }

        private static void WriteProperties(Utf8JsonWriter json, string? name, object? value)
        {
            if (name is null)
            {
                json.WriteStartObject();
            }
            else
            {
                json.WriteStartObject(name);
            }

            json.WriteString("Message", value?.ToString());
            if (value is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (key, item) in pairs)
                {
                    json.WriteString(key, item?.ToString());
                }
            }

            json.WriteEndObject();
        }
    }

    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => _length += count;
        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
    }
}
