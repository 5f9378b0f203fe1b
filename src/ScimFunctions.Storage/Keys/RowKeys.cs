using System.Globalization;

namespace ScimFunctions.Storage.Keys;

/// <summary>
/// The row keys of a tenant's partition (see docs/storage.md). A resource's relation rows sit directly under its own
/// key (<c>user|{id}|memberOf|{groupId}</c>, <c>group|{id}|member|{memberId}</c>), so one range query reads a resource
/// with everything it shows. Ids are fixed-length GUIDs, so the range <c>[type|id, type|id})</c> holds exactly the
/// resource row and its children. A relation row's segment is its kind (<see cref="RowKinds"/>).
/// </summary>
internal static class RowKeys
{
    public const char Separator = '|';

    /// <summary>The character after <see cref="Separator"/>: <c>prefix + '}'</c> is the exclusive end of a prefix range.</summary>
    public const char AfterSeparator = '}';

    public static string TypeSegment(string resourceTypeName) => KeyEncoding.Encode(resourceTypeName.ToLowerInvariant());

    public static string Resource(string type, string id) => $"{type}|{id}";

    public static string ResourcePrefix(string type) => type + "|";

    public static string Member(string groupId, string memberId) => $"group|{groupId}|{RowKinds.Member}|{memberId}";

    public static string MemberPrefix(string groupId) => $"group|{groupId}|{RowKinds.Member}|";

    public static string MemberOf(string memberType, string memberId, string groupId) => $"{memberType}|{memberId}|{RowKinds.MemberOf}|{groupId}";

    public static string MemberOfPrefix(string memberType, string memberId) => $"{memberType}|{memberId}|{RowKinds.MemberOf}|";

    public static string Index(string type, string attribute, string encodedValue) => $"ix|{type}|{attribute}|{encodedValue}";

    public static string CounterPrefix(string type) => $"count|{type}|";

    public static string Counter(string type, int shard) => CounterPrefix(type) + shard.ToString("D2", CultureInfo.InvariantCulture);

    public const string ChangePrefix = "change|";

    public static string Change(long ticks, string suffix) => ChangePrefix + ticks.ToString("D19", CultureInfo.InvariantCulture) + "|" + suffix;

    /// <summary>The UTC ticks a change row key (<c>change|{ticks}|…</c>) was stamped with; 0 when it has none.</summary>
    public static long ChangeTicks(string changeKey)
    {
        ArgumentNullException.ThrowIfNull(changeKey);
        var parts = changeKey.Split(Separator);
        return parts.Length > 1 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) ? ticks : 0;
    }

    /// <summary>The exclusive upper bound of all keys starting with <paramref name="prefix"/> (which ends with the separator).</summary>
    public static string PrefixEnd(string prefix) => prefix[..^1] + AfterSeparator;

    /// <summary>The exclusive upper bound of a resource and its children (<c>type|id</c> … <c>type|id}</c>).</summary>
    public static string ResourceEnd(string type, string id) => Resource(type, id) + AfterSeparator;
}
