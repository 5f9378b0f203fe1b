using System.Globalization;
using System.Runtime.CompilerServices;
using ScimFunctions.Core.Filters;
using ScimFunctions.Core.Paging;
using ScimFunctions.Storage.Membership;
using ScimFunctions.Storage.Query;

namespace ScimFunctions.Storage.Store;

internal sealed partial class TableTenantStore
{
    /// <summary>A resource row with the relation rows read alongside it (empty lists when they were not read).</summary>
    private sealed record Loaded(ResourceRow Row, List<Relation> Members, List<string> Groups, bool HasRelations)
    {
        /// <summary>Whether a scan had already read the next resource row when it returned this one.</summary>
        public bool Followed { get; set; }
    }

    /// <summary>
    /// Filter, sort and page. Point-readable filters (see <see cref="QueryPlanner"/>) read only their rows; an unfiltered
    /// list reads one page of rows in row-key order (a stable order) from where the previous page ended, and takes
    /// totalResults from the counters; other filters scan the type's rows of the tenant and evaluate in memory;
    /// sorting reads at most <see cref="TableStoreOptions.MaxSortResources"/> resources (more is 400 tooMany).
    /// </summary>
    public Task<QueryResult> QueryAsync(ResourceTypeDefinition resourceType, ScimQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var info = TypeInfo.For(resourceType);
        return StorageErrors.Guard(async () =>
        {
            CheckAllowed(AllowedOperations.Read);
            var plan = QueryPlanner.Plan(query.Filter, info);
            var withRelations = (info.RelationAttribute is { } relation && query.Selection.Includes(relation)) || plan.ResidualNeedsRelations;
            var scope = CursorCodec.Scope(string.Join('\n', _partition.Table.Name, info.Segment, query.Filter?.ToString() ?? string.Empty, query.Sort is { } s ? s.By + (s.Descending ? " desc" : " asc") : string.Empty));
            if (!plan.IsScan)
            {
                var candidates = await LoadCandidatesAsync(info, plan, withRelations, cancellationToken);
                return await InMemoryPageAsync(info, candidates, query, scope, cancellationToken);
            }

            if (query.Sort is not null)
            {
                var all = new List<StoredResource>();
                await foreach (var loaded in ScanAsync(info, null, withRelations, 1000, null, cancellationToken))
                {
                    if (await MatchesAsync(info, plan, loaded, null, cancellationToken) is { } match)
                    {
                        all.Add(match);
                        if (all.Count > services.Options.MaxSortResources)
                        {
                            throw ScimException.BadRequest(ScimType.TooMany, $"Sorting is limited to {services.Options.MaxSortResources} resources; narrow the filter or page without sortBy.");
                        }
                    }
                }

                return await InMemoryPageAsync(info, all, query, scope, cancellationToken);
            }

            return plan.Residual is null && plan.RequiredRelations.Count == 0
                ? await UnfilteredPageAsync(info, query, withRelations, scope, cancellationToken)
                : await FilteredScanPageAsync(info, plan, query, withRelations, scope, cancellationToken);
        }, cancellationToken);
    }

    private async Task<List<StoredResource>> LoadCandidatesAsync(TypeInfo info, QueryPlan plan, bool withRelations, CancellationToken cancellationToken)
    {
        List<string> ids;
        string? verified = null;
        if (plan.Ids is { } exact)
        {
            ids = [.. exact.Where(KeyEncoding.IsResourceId)];
        }
        else if (plan.Index is { } index)
        {
            var entity = await _partition.GetAsync(info.Unique.Key(index.Attribute, index.Value), cancellationToken);
            ids = entity?.GetString(Columns.TargetId) is { } target ? [target] : [];
        }
        else
        {
            verified = plan.RelatedTo!;
            ids = await RelatedIdsAsync(info, verified, cancellationToken);
        }

        var results = new StoredResource?[ids.Count];
        using var gate = new SemaphoreSlim(16);
        await Task.WhenAll(ids.Select(async (id, i) =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                var loaded = await LoadAsync(info, id, withRelations, cancellationToken);
                results[i] = loaded is null ? null : await MatchesAsync(info, plan, loaded, verified, cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }));
        return [.. results.OfType<StoredResource>()];
    }

    private async Task<Loaded?> LoadAsync(TypeInfo info, string id, bool withRelations, CancellationToken cancellationToken)
    {
        if (withRelations && info.RelationAttribute is not null)
        {
            var read = await ReadWithRelationsAsync(info, id, cancellationToken);
            return read is { } r ? new Loaded(r.Row, r.Members, r.Groups, true) : null;
        }

        var row = await ReadRowAsync(info, id, cancellationToken);
        return row is null ? null : new Loaded(row, [], [], false);
    }

    /// <summary>Groups the member belongs to (group type), or users in the group (user type), from relation rows.</summary>
    private async Task<List<string>> RelatedIdsAsync(TypeInfo info, string related, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        if (!KeyEncoding.IsResourceId(related))
        {
            return ids;
        }

        if (info.IsGroup)
        {
            foreach (var memberType in new[] { "user", "group" })
            {
                var prefix = RowKeys.MemberOfPrefix(memberType, related);
                await foreach (var entity in _partition.QueryRange(prefix, RowKeys.PrefixEnd(prefix), select: ["RowKey"], cancellationToken: cancellationToken))
                {
                    ids.Add(entity.RowKey[prefix.Length..]);
                }
            }
        }
        else
        {
            var prefix = RowKeys.MemberPrefix(related);
            await foreach (var entity in _partition.QueryRange(prefix, RowKeys.PrefixEnd(prefix), RowKinds.Member, cancellationToken: cancellationToken))
            {
                if (MemberRows.AsMember(entity, related) is { MemberType: Relation.User } member)
                {
                    ids.Add(member.MemberId);
                }
            }
        }

        return ids;
    }

    /// <summary>The resource when it satisfies the plan's relation terms and residual filter; null otherwise.</summary>
    private async Task<StoredResource?> MatchesAsync(TypeInfo info, QueryPlan plan, Loaded loaded, string? alreadyVerified, CancellationToken cancellationToken)
    {
        foreach (var related in plan.RequiredRelations)
        {
            if (related == alreadyVerified)
            {
                continue;
            }

            bool isRelated;
            if (loaded.HasRelations)
            {
                isRelated = info.IsGroup ? loaded.Members.Exists(m => m.MemberId == related) : loaded.Groups.Contains(related);
            }
            else
            {
                var rowKey = info.IsGroup ? RowKeys.Member(loaded.Row.Id, KeyEncoding.Encode(related)) : RowKeys.Member(KeyEncoding.Encode(related), loaded.Row.Id);
                isRelated = KeyEncoding.IsResourceId(related) && await _partition.GetAsync(rowKey, cancellationToken) is not null;
            }

            if (!isRelated)
            {
                return null;
            }
        }

        var resource = Materialize(info, loaded.Row, loaded.HasRelations ? loaded.Members : null, loaded.HasRelations ? loaded.Groups : null, adoptDocument: true);
        return plan.Residual is null || FilterEvaluator.Matches(plan.Residual, resource.Resource, info.Definition) ? resource : null;
    }

    /// <summary>
    /// Resources of the type in row-key order, strictly after <paramref name="after"/>, with their relation rows when
    /// asked. With <paramref name="wanted"/> (the resources the caller will take at most, plus the one that closes the
    /// last one's relation rows) each request asks for about as many rows as are still wanted: resource rows alone,
    /// or, with relations, that many resources × the rows per resource this scan has seen so far (before its first
    /// page, what the type's last scan in this partition saw, <see cref="ScanDensity"/>). Otherwise every request
    /// asks for <paramref name="pageSize"/> rows.
    /// </summary>
    private async IAsyncEnumerable<Loaded> ScanAsync(TypeInfo info, string? after, bool withRelations, int pageSize, long? wanted, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var prefix = RowKeys.ResourcePrefix(info.Segment);
        var end = RowKeys.PrefixEnd(prefix);
        var kind = withRelations ? null : RowKinds.Resource;
        var rowsPerResource = withRelations ? services.Density.RowsPerResource(_partition.PartitionKey, info.Segment) : 1;
        long resources = 0, rows = 0;
        string? continuation = null;
        Loaded? current = null;
        do
        {
            var size = wanted is { } w
                ? (int)Math.Clamp(Math.Ceiling(Math.Max(1, w - resources) * (resources > 0 ? (double)rows / resources : rowsPerResource) * 1.1) + 1, 1, pageSize)
                : pageSize;
            var page = await _partition.QueryPageAsync(after ?? prefix, after is null, end, kind, size, continuation, cancellationToken);
            continuation = page.ContinuationToken;
            rows += page.Values.Count;
            resources += page.Values.Count(IsResourceRow);
            if (withRelations && resources > 0)
            {
                services.Density.Observe(_partition.PartitionKey, info.Segment, (double)rows / resources);
            }

            foreach (var entity in page.Values)
            {
                if (IsResourceRow(entity))
                {
                    if (current is not null)
                    {
                        current.Followed = true;
                        yield return current;
                    }

                    current = ResourceRow.From(entity) is { } row ? new Loaded(row, [], [], withRelations) : null;
                }
                else if (current is not null)
                {
                    ResourceRow? ignored = current.Row;
                    Collect(info, current.Row.Id, entity, ref ignored, current.Members, current.Groups);
                }
            }
        }
        while (continuation is not null);

        if (current is not null)
        {
            yield return current;
        }
    }

    private static bool IsResourceRow(TableEntity entity) => string.Equals(entity.GetString(Columns.Kind), RowKinds.Resource, StringComparison.Ordinal);

    private async Task<QueryResult> UnfilteredPageAsync(TypeInfo info, ScimQuery query, bool withRelations, string scope, CancellationToken cancellationToken)
    {
        var page = query.Page;
        var totalTask = services.Counters.For(_partition, info.Segment).RefreshAsync(_partition, cancellationToken);
        if (page.Count == 0)
        {
            return new QueryResult([], await totalTask, page.IsCursorPaging ? null : page.StartIndex);
        }

        var key = page.IsCursorPaging ? await services.Secrets.GetCursorKeyAsync(cancellationToken) : null;
        var positionScope = _partition.PartitionKey + "\n" + scope;
        string? after = null;
        var skip = 0;
        if (page.IsCursorPaging)
        {
            after = string.IsNullOrEmpty(page.Cursor) ? null : DecodePosition(page.Cursor, key!, scope);
        }
        else if (page.StartIndex > 1 && !services.Pages.TryGet(positionScope, page.StartIndex, Now, out after!))
        {
            after = null;
            skip = page.StartIndex - 1;
        }

        var items = new List<StoredResource>();
        var more = false;
        string? last = null;
        var wanted = (long)skip + page.Count + 1; // long: startIndex may be int.MaxValue
        await foreach (var loaded in ScanAsync(info, string.IsNullOrEmpty(after) ? null : after, withRelations, 1000, wanted, cancellationToken))
        {
            if (skip > 0)
            {
                skip--;
                continue;
            }

            items.Add(Materialize(info, loaded.Row, withRelations ? loaded.Members : null, withRelations ? loaded.Groups : null, adoptDocument: true));
            last = loaded.Row.RowKey;
            if (items.Count == page.Count)
            {
                more = loaded.Followed; // known without reading on: the scan has seen the next resource row, or the end
                break;
            }
        }

        if (!page.IsCursorPaging && last is not null)
        {
            services.Pages.Set(positionScope, page.StartIndex + items.Count, last, Now);
        }

        var next = page.IsCursorPaging && more ? EncodePosition(last!, key!, scope) : null;
        return new QueryResult(items, await totalTask, page.IsCursorPaging ? null : page.StartIndex, next);
    }

    private async Task<QueryResult> FilteredScanPageAsync(TypeInfo info, QueryPlan plan, ScimQuery query, bool withRelations, string scope, CancellationToken cancellationToken)
    {
        var page = query.Page;
        var key = page.IsCursorPaging ? await services.Secrets.GetCursorKeyAsync(cancellationToken) : null;
        var after = page.IsCursorPaging && !string.IsNullOrEmpty(page.Cursor) ? DecodePosition(page.Cursor, key!, scope) : null;
        var items = new List<StoredResource>();
        long total = 0;
        var more = false;
        string? last = null;
        await foreach (var loaded in ScanAsync(info, null, withRelations, 1000, null, cancellationToken))
        {
            if (await MatchesAsync(info, plan, loaded, null, cancellationToken) is not { } match)
            {
                continue;
            }

            total++;
            var inWindow = page.IsCursorPaging
                ? (after is null || string.CompareOrdinal(loaded.Row.RowKey, after) > 0) && items.Count < page.Count
                : total >= page.StartIndex && items.Count < page.Count;
            if (inWindow)
            {
                items.Add(match);
                last = loaded.Row.RowKey;
            }
            else if (page.IsCursorPaging && last is not null && string.CompareOrdinal(loaded.Row.RowKey, last) > 0)
            {
                more = true;
            }
        }

        var next = page.IsCursorPaging && more ? EncodePosition(last!, key!, scope) : null;
        return new QueryResult(items, total, page.IsCursorPaging ? null : page.StartIndex, next);
    }

    private async Task<QueryResult> InMemoryPageAsync(TypeInfo info, List<StoredResource> matches, ScimQuery query, string scope, CancellationToken cancellationToken)
    {
        var ordered = matches;
        if (query.Sort is { } sort && matches.Count > 1)
        {
            var byDocument = new Dictionary<object, StoredResource>(ReferenceEqualityComparer.Instance);
            foreach (var match in matches)
            {
                byDocument[match.Resource] = match;
            }

            ordered = [.. ResourceSorter.Sort(matches.Select(m => m.Resource), sort, info.Definition).Select(d => byDocument[d])];
        }

        var page = query.Page;
        if (!page.IsCursorPaging)
        {
            return new QueryResult([.. ordered.Skip(page.StartIndex - 1).Take(page.Count)], ordered.Count, page.StartIndex);
        }

        var key = await services.Secrets.GetCursorKeyAsync(cancellationToken);
        var offset = 0;
        if (!string.IsNullOrEmpty(page.Cursor) && !int.TryParse(DecodePosition(page.Cursor, key, scope).AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out offset))
        {
            throw new ScimException(400, ScimType.InvalidCursor, "The cursor is not valid for this query.");
        }

        var items = ordered.Skip(offset).Take(page.Count).ToList();
        var nextOffset = offset + items.Count;
        var next = page.Count > 0 && nextOffset < ordered.Count ? EncodePosition("o:" + nextOffset.ToString(CultureInfo.InvariantCulture), key, scope) : null;
        return new QueryResult(items, ordered.Count, null, next);
    }

    private string DecodePosition(string cursor, byte[] key, string scope) => CursorCodec.Decode(cursor, key, _partition.PartitionKey, scope, Now).Position;

    private string EncodePosition(string position, byte[] key, string scope) =>
        CursorCodec.Encode(new CursorPayload(_partition.PartitionKey, scope, position, (Now + services.Options.CursorLifetime).ToUnixTimeSeconds()), key);
}
