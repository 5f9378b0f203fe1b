using ScimFunctions.Core.Resources;
using ScimFunctions.Storage.Changes;

namespace ScimFunctions.Storage.Maintenance;

/// <summary>How far a scrub of one tenant has got: rows read, rows rewritten, and the last row key read.</summary>
public sealed record ScrubProgress(string Tenant, long Scanned, long Scrubbed, string? Position);

/// <summary>
/// What a scrub of one tenant did. <see cref="Conflicts"/> counts rewrites that lost to a concurrent change (and were
/// read and tried again); <see cref="Attributes"/> counts the rows each never-returned attribute was removed from.
/// </summary>
public sealed record ScrubReport(string Tenant, long Scanned, long Scrubbed, long Conflicts, IReadOnlyDictionary<string, long> Attributes, string? Position);

/// <summary>
/// Removes stored values of <c>returned: never</c> attributes (the User's <c>password</c>, and such attributes of the
/// tenant's extension schemas) from resource rows written before the store dropped them (see
/// <see cref="NeverReturnedValues"/>). Each affected row is replaced conditionally on the ETag it was read with,
/// together with a change row naming the attributes (never their values); a row a concurrent request changed in
/// between is read again and scrubbed again if it still needs it. A clean row is only read, so the scrub is
/// idempotent; it walks the rows in key order and can resume after the <see cref="ScrubProgress.Position"/> it
/// reported. Resource documents are not otherwise changed (<c>meta.lastModified</c> stays).
/// </summary>
public static class SecretScrubber
{
    private const int PageSize = 500;
    private const int MaxAttempts = 10;

    public static async Task<ScrubReport> ScrubAsync(
        TableStorage storage,
        TenantRecord tenant,
        WriteContext context,
        string? after = null,
        Action<ScrubProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(context);
        var partition = new TenantPartition(storage.TableFor(tenant), tenant);
        var run = new Run(partition, context, tenant.Id.Value, progress, after);
        foreach (var type in TenantSchemas.For(tenant).All.OrderBy(t => RowKeys.TypeSegment(t.Name), StringComparer.Ordinal))
        {
            await run.ScrubTypeAsync(type, cancellationToken);
        }

        return run.Report();
    }

    private sealed class Run(TenantPartition partition, WriteContext context, string tenant, Action<ScrubProgress>? progress, string? after)
    {
        private readonly Dictionary<string, long> _attributes = new(StringComparer.Ordinal);
        private long _scanned;
        private long _scrubbed;
        private long _conflicts;
        private string? _position = after;

        public async Task ScrubTypeAsync(ResourceTypeDefinition type, CancellationToken cancellationToken)
        {
            var prefix = RowKeys.ResourcePrefix(RowKeys.TypeSegment(type.Name));
            var end = RowKeys.PrefixEnd(prefix);
            if (_position is not null && string.CompareOrdinal(_position, end) >= 0)
            {
                return;
            }

            var pages = _position is not null && string.CompareOrdinal(_position, prefix) >= 0
                ? partition.QueryAfterPages(_position, end, RowKinds.Resource, PageSize, cancellationToken)
                : partition.QueryRangePages(prefix, end, RowKinds.Resource, PageSize, cancellationToken: cancellationToken);
            await foreach (var page in pages)
            {
                foreach (var entity in page.Values)
                {
                    await ScrubRowAsync(entity, type, cancellationToken);
                    _scanned++;
                    _position = entity.RowKey;
                }

                if (page.Values.Count > 0)
                {
                    progress?.Invoke(new ScrubProgress(tenant, _scanned, _scrubbed, _position));
                }
            }
        }

        public ScrubReport Report() => new(tenant, _scanned, _scrubbed, _conflicts, _attributes, _position);

        private async Task ScrubRowAsync(TableEntity entity, ResourceTypeDefinition type, CancellationToken cancellationToken)
        {
            for (var attempt = 1; ; attempt++)
            {
                var row = ResourceRow.From(entity);
                if (row is null)
                {
                    return;
                }

                var document = row.Document;
                var removed = NeverReturnedValues.Strip(document, type);
                if (removed.Count == 0)
                {
                    return;
                }

                var replacement = ResourceRow.ToEntity(partition, row.Type, row.Id, document, row.MembersModified, row.Deleting);
                KeepOtherColumns(entity, replacement);
                var ops = new List<Op>
                {
                    new(new TableTransactionAction(TableTransactionActionType.UpdateReplace, replacement, entity.ETag), OpRole.Resource),
                    ChangeRows.Insert(partition, type.Name, row.Id, ChangeOperation.Updated, removed, context, DateTimeOffset.UtcNow),
                };
                try
                {
                    await partition.SubmitAsync(ops, cancellationToken);
                    _scrubbed++;
                    foreach (var name in removed)
                    {
                        _attributes[name] = _attributes.GetValueOrDefault(name) + 1;
                    }

                    return;
                }
                catch (TransactionFailedException failure) when (failure.Op.Role == OpRole.Resource && failure.Status == 404)
                {
                    return; // deleted meanwhile: nothing left to scrub
                }
                catch (TransactionFailedException failure) when (attempt < MaxAttempts && (failure.Status == 412 || failure.Op.Role == OpRole.Change))
                {
                    // A concurrent change won (or the change row's random key collided): read the row as it is now.
                    _conflicts += failure.Status == 412 ? 1 : 0;
                    if (await partition.GetAsync(entity.RowKey, cancellationToken) is not { } current)
                    {
                        return;
                    }

                    entity = current;
                }
            }
        }

        /// <summary>Columns the replacement does not write itself (any but the document chunks) keep their values.</summary>
        private static void KeepOtherColumns(TableEntity original, TableEntity replacement)
        {
            foreach (var (key, value) in original)
            {
                if (!key.StartsWith(Columns.DocumentPrefix, StringComparison.Ordinal) && !key.StartsWith("odata.", StringComparison.Ordinal)
                    && key is not ("PartitionKey" or "RowKey" or "Timestamp") && !replacement.ContainsKey(key))
                {
                    replacement[key] = value;
                }
            }
        }
    }
}
