using System.Diagnostics;
using System.Globalization;

namespace ScimFunctions.Cli.Output;

/// <summary>
/// Progress where no live bar can be drawn (a pipe, a log file): a plain line with count, rate and ETA at most once
/// per <see cref="Interval"/> and one at the end, no colour or cursor codes. Thread-safe.
/// </summary>
internal sealed class ProgressLines(TextWriter writer, string what, int total)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private readonly Lock _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _lastLine;
    private int _done;

    public void Advance() => Advance(1);

    /// <summary>Counts <paramref name="count"/> more items done.</summary>
    public void Advance(int count)
    {
        lock (_gate)
        {
            _done += count;
            if (_done == total || _clock.Elapsed - _lastLine >= Interval)
            {
                _lastLine = _clock.Elapsed;
                writer.WriteLine(Line(_done, total, _clock.Elapsed));
            }
        }
    }

    /// <summary>E.g. <c>users: 400/2000 (20%), 85.3/s, ETA 19s</c>.</summary>
    public string Line(int done, int of, TimeSpan elapsed)
    {
        var rate = elapsed.TotalSeconds > 0 ? done / elapsed.TotalSeconds : 0;
        var eta = rate > 0 ? TimeSpan.FromSeconds((of - done) / rate) : (TimeSpan?)null;
        return string.Create(CultureInfo.InvariantCulture, $"{what}: {done}/{of} ({(of == 0 ? 100 : done * 100 / of)}%), {rate:0.0}/s, ETA {(eta is { } e ? Math.Ceiling(e.TotalSeconds) + "s" : "?")}");
    }
}
