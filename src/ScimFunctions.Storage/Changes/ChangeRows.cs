using System.Security.Cryptography;

namespace ScimFunctions.Storage.Changes;

/// <summary>
/// Change-log rows: <c>change|{UTC ticks:D19}|{random}</c>, inserted in the same transaction as the change they record.
/// The key orders entries by the time the writer stamped them; the sequence is those ticks.
/// </summary>
internal static class ChangeRows
{
    public static Op Insert(TenantPartition partition, string resourceType, string resourceId, ChangeOperation operation, IEnumerable<string> changedAttributes, WriteContext context, DateTimeOffset now, ChangeDetails? details = null)
    {
        var entity = partition.NewEntity(RowKeys.Change(now.UtcTicks, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))));
        entity[Columns.Kind] = RowKinds.Change;
        entity[Columns.Type] = resourceType;
        entity[Columns.ResourceId] = resourceId;
        entity[Columns.Operation] = operation.ToString();
        entity[Columns.ChangedAttributes] = string.Join(',', changedAttributes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        entity[Columns.Actor] = Truncate(context.Actor);
        entity[Columns.RequestId] = Truncate(context.RequestId);
        entity[Columns.Channel] = context.Channel;
        entity[Columns.Stamp] = now;
        if (details is not null)
        {
            entity[Columns.ExternalId] = Truncate(details.ExternalId);
            entity[Columns.MembersAdded] = Join(details.MembersAdded);
            entity[Columns.MembersRemoved] = Join(details.MembersRemoved);
            entity[Columns.MembersTruncated] = details.MembersTruncated ? true : null;
        }

        return new Op(new TableTransactionAction(TableTransactionActionType.Add, entity), OpRole.Change);
    }

    /// <summary>
    /// Reads a change row; it counts as committed late when the service's commit time (its Timestamp, or for a row a
    /// tenant move copied, the original's: <see cref="Columns.Committed"/>) is more than <paramref name="lateAfter"/>
    /// after its position.
    /// </summary>
    public static ChangeRecord Read(TableEntity entity, TimeSpan lateAfter)
    {
        var sequence = RowKeys.ChangeTicks(entity.RowKey);
        var attributes = entity.GetString(Columns.ChangedAttributes) is { Length: > 0 } list ? list.Split(',') : [];
        return new ChangeRecord(
            sequence,
            entity.GetDateTimeOffset(Columns.Stamp) ?? new DateTimeOffset(sequence, TimeSpan.Zero),
            entity.GetString(Columns.Type) ?? string.Empty,
            entity.GetString(Columns.ResourceId) ?? string.Empty,
            Enum.TryParse<ChangeOperation>(entity.GetString(Columns.Operation), out var operation) ? operation : ChangeOperation.Updated,
            attributes,
            entity.GetString(Columns.Actor),
            entity.GetString(Columns.RequestId),
            entity.GetString(Columns.Channel),
            entity.RowKey,
            ReadDetails(entity),
            CommittedAt(entity) is { } committed && committed.UtcTicks - sequence > lateAfter.Ticks);
    }

    /// <summary>When a change row committed: its Timestamp, or for a row a tenant move copied, the original's (<see cref="Columns.Committed"/>).</summary>
    public static DateTimeOffset? CommittedAt(TableEntity entity) => entity.GetDateTimeOffset(Columns.Committed) ?? entity.Timestamp;

    private static ChangeDetails? ReadDetails(TableEntity entity)
    {
        var externalId = entity.GetString(Columns.ExternalId);
        var added = Split(entity.GetString(Columns.MembersAdded));
        var removed = Split(entity.GetString(Columns.MembersRemoved));
        return externalId is null && added.Count == 0 && removed.Count == 0
            ? null
            : new ChangeDetails(externalId, added, removed, entity.GetBoolean(Columns.MembersTruncated) == true);
    }

    // Member ids are resource ids (no commas: KeyEncoding.IsResourceId); 500 of them stay far below a property's 64 KiB.
    private static string? Join(IReadOnlyList<string> ids) => ids.Count == 0 ? null : string.Join(',', ids);

    private static List<string> Split(string? list) => list is { Length: > 0 } ? [.. list.Split(',')] : [];

    private static string? Truncate(string? value) => value is { Length: > 512 } ? value[..512] : value;
}
