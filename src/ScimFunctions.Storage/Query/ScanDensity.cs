using System.Collections.Concurrent;

namespace ScimFunctions.Storage.Query;

/// <summary>
/// Rows per resource (the resource row and its relation rows) that the last scan of a type in a partition read, per
/// process, so that a list page with relations asks storage for about the rows it needs instead of the most a request
/// returns. Only a sizing hint: a wrong value costs one more request or a few rows more, never a wrong page. Bounded:
/// when full, it starts again empty.
/// </summary>
internal sealed class ScanDensity(int capacity = 10_000)
{
    /// <summary>
    /// The guess before a type's first scan in a partition (a user in one group): where resources have more relation
    /// rows, that first page costs one request more.
    /// </summary>
    public const double Unknown = 2;

    private readonly ConcurrentDictionary<(string Partition, string Segment), double> _rowsPerResource = new();

    public double RowsPerResource(string partition, string segment) =>
        _rowsPerResource.TryGetValue((partition, segment), out var rows) ? rows : Unknown;

    public void Observe(string partition, string segment, double rowsPerResource)
    {
        if (_rowsPerResource.Count >= capacity)
        {
            _rowsPerResource.Clear();
        }

        _rowsPerResource[(partition, segment)] = Math.Max(1, rowsPerResource);
    }
}
