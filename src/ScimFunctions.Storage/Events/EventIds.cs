using System.Globalization;

namespace ScimFunctions.Storage.Events;

/// <summary>
/// Event ids are change feed positions: <c>evt_{ticks:D19}_{random}</c> for the change row <c>change|{ticks}|{random}</c>,
/// with <c>_{n}</c> appended for the second and later event of one row (a group change that also adds members). They
/// sort like the feed, so one id is both a dedup key and a cursor (replay from it).
/// </summary>
public static class EventIds
{
    private const string Prefix = "evt_";

    public static string FromPosition(string changePosition, int index)
    {
        ArgumentNullException.ThrowIfNull(changePosition);
        var parts = changePosition.Split(RowKeys.Separator);
        var id = Prefix + parts[1] + "_" + parts[2];
        return index == 0 ? id : id + "_" + index.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The UTC ticks a change position was stamped with (its writer's clock).</summary>
    public static long TicksOf(string changePosition) => RowKeys.ChangeTicks(changePosition);

    /// <summary>The feed position just before every change stamped at or after <paramref name="ticks"/>.</summary>
    public static string PositionAt(long ticks) => RowKeys.Change(Math.Max(0, ticks), string.Empty);

    /// <summary>
    /// The feed position just before the event <paramref name="eventId"/>'s change row (so a replay from it delivers
    /// that change again), or null when the text is not an event id.
    /// </summary>
    public static string? PositionBefore(string? eventId)
    {
        if (eventId is null || !eventId.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = eventId[Prefix.Length..].Split('_');
        return parts.Length is 2 or 3 && parts[0].Length == 19 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            ? PositionAt(ticks)
            : null;
    }
}
