namespace ScimFunctions.Storage.Tables;

/// <summary>
/// Azure Table Storage's limits of one entity, computed the way the service documents it: 4 bytes, plus 2 bytes per
/// character of PartitionKey and RowKey, plus for each property 8 bytes, 2 bytes per character of its name and the size
/// of its value (string: 2 bytes per UTF-16 code unit + 4; binary: its length + 4; DateTime 8; Guid 16; double 8;
/// int 4; long 8; bool 1). An entity is at most 1 MiB, a string or binary value at most 64 KiB, and an entity has at
/// most 252 properties besides PartitionKey, RowKey and Timestamp. Every row is checked before it is written, so a
/// resource too large to store is refused with the same 413 whatever the verb, and nothing is written.
/// </summary>
internal static class EntitySize
{
    public const int MaxEntityBytes = 1024 * 1024;
    public const int MaxValueBytes = 64 * 1024;
    public const int MaxProperties = 252;

    public const string TooLargeDetail =
        "The resource is too large to store: a stored row may hold at most 1 MiB, and one text value at most 32,768 characters.";

    public static ScimException TooLarge() => ScimException.PayloadTooLarge(TooLargeDetail);

    /// <summary>The entity's size as the service counts it.</summary>
    public static long Of(ITableEntity entity) => Measure(entity, checkLimits: false);

    /// <summary>Throws 413 when the entity breaks any of the service's limits.</summary>
    public static void Check(ITableEntity entity)
    {
        if (Measure(entity, checkLimits: true) > MaxEntityBytes)
        {
            throw TooLarge();
        }
    }

    /// <summary>
    /// The entity's size as the service counts it, in one pass; with <paramref name="checkLimits"/>, throws 413 at the
    /// first property past the property count or a value past its size.
    /// </summary>
    private static long Measure(ITableEntity entity, bool checkLimits)
    {
        ArgumentNullException.ThrowIfNull(entity);
        long size = 4 + (2L * ((entity.PartitionKey?.Length ?? 0) + (entity.RowKey?.Length ?? 0)));
        if (entity is TableEntity properties)
        {
            var count = 0;
            foreach (var (name, value) in properties)
            {
                if (name is "PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")
                {
                    continue;
                }

                var valueSize = ValueSize(value);
                if (checkLimits && (++count > MaxProperties || valueSize - 4 > MaxValueBytes))
                {
                    throw TooLarge();
                }

                size += 8 + (2L * name.Length) + valueSize;
            }
        }

        return size;
    }

    private static long ValueSize(object? value) => value switch
    {
        null => 0,
        string text => (2L * text.Length) + 4,
        byte[] bytes => bytes.Length + 4L,
        BinaryData data => data.ToMemory().Length + 4L,
        DateTimeOffset or DateTime or double or long => 8,
        Guid => 16,
        int => 4,
        bool => 1,
        _ => (2L * (value.ToString()?.Length ?? 0)) + 4,
    };
}
