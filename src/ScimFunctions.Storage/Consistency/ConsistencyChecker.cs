using ScimFunctions.Core.Resources;

namespace ScimFunctions.Storage.Consistency;

/// <summary>
/// Reads every row of a tenant and checks the invariants the store's transactions keep (docs/storage.md): every index
/// row points at a resource that owns it and every resource has its index rows; each membership has both rows and
/// both ends exist; the counter shards add up to the resources of each type; no delete is left half-done; no resource
/// holds a value its schema says is <c>returned: never</c> (<see cref="NeverReturnedValues"/>; the tenant's extension
/// schemas count, and problems name the attribute, never the value).
/// Used by the crash-safety tests and by the load tool after a run.
/// </summary>
public static class ConsistencyChecker
{
    public static async Task<ConsistencyReport> CheckAsync(TableStorage storage, TenantId tenant, IEnumerable<ResourceTypeDefinition>? resourceTypes = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var record = await storage.Tenants.GetAsync(tenant, cancellationToken);
        // An unknown tenant is checked where a legacy pooled tenant of that id would be (a deleted one must be empty there).
        var known = record is not null;
        record ??= new Tenants.TenantRecord { Id = tenant };
        return await CheckAsync(storage, record, resourceTypes ?? (known ? TenantSchemas.For(record).All : [ScimSchemas.UserResourceType(), ScimSchemas.GroupResourceType()]), cancellationToken);
    }

    /// <summary>Checks the rows where <paramref name="record"/> says they are (a move checks its target before the registry points there).</summary>
    internal static Task<ConsistencyReport> CheckAsync(TableStorage storage, Tenants.TenantRecord record, IEnumerable<ResourceTypeDefinition>? resourceTypes, CancellationToken cancellationToken)
    {
        var definitions = (resourceTypes ?? TenantSchemas.For(record).All).ToDictionary(t => RowKeys.TypeSegment(t.Name), StringComparer.Ordinal);
        var types = definitions.Values.Select(UniqueAttributes.For).ToDictionary(u => u.Type, StringComparer.Ordinal);
        return CheckAsync(new TenantPartition(storage.TableFor(record), record), types, definitions, cancellationToken);
    }

    /// <summary>
    /// Checks rows already read where <paramref name="record"/> says they are (a move checks the rows its final
    /// comparison read, instead of reading the partition once more while writes are frozen).
    /// </summary>
    internal static ConsistencyReport Check(Tenants.TenantRecord record, IEnumerable<TableEntity> rows)
    {
        var definitions = TenantSchemas.For(record).All.ToDictionary(t => RowKeys.TypeSegment(t.Name), StringComparer.Ordinal);
        var types = definitions.Values.Select(UniqueAttributes.For).ToDictionary(u => u.Type, StringComparer.Ordinal);
        return Check(rows, types, definitions);
    }

    private static async Task<ConsistencyReport> CheckAsync(TenantPartition partition, Dictionary<string, UniqueAttributes> types, Dictionary<string, ResourceTypeDefinition> definitions, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var page in partition.QueryAllPages(null, cancellationToken))
        {
            rows.AddRange(page.Values);
        }

        return Check(rows, types, definitions);
    }

    private static ConsistencyReport Check(IEnumerable<TableEntity> rows, Dictionary<string, UniqueAttributes> types, Dictionary<string, ResourceTypeDefinition> definitions)
    {
        var resources = new Dictionary<string, ResourceRow>(StringComparer.Ordinal);
        var indexes = new Dictionary<string, string>(StringComparer.Ordinal);
        var members = new List<string>();
        var memberOfs = new HashSet<string>(StringComparer.Ordinal);
        var counters = new Dictionary<string, long>(StringComparer.Ordinal);
        var problems = new List<string>();
        long changes = 0;
        foreach (var entity in rows)
        {
            switch (entity.GetString(Columns.Kind))
            {
                case RowKinds.Resource:
                    resources[entity.RowKey] = ResourceRow.From(entity)!;
                    break;
                case RowKinds.Index:
                    indexes[entity.RowKey] = entity.GetString(Columns.TargetId) ?? string.Empty;
                    break;
                case RowKinds.Member:
                    members.Add(entity.RowKey);
                    break;
                case RowKinds.MemberOf:
                    memberOfs.Add(entity.RowKey);
                    break;
                case RowKinds.Counter:
                    var type = entity.GetString(Columns.Type) ?? string.Empty;
                    counters[type] = counters.GetValueOrDefault(type) + (entity.GetInt64(Columns.Count) ?? 0);
                    break;
                case RowKinds.Change:
                    changes++;
                    break;
                case RowKinds.Fence:
                    break;
                default:
                    problems.Add($"Row '{entity.RowKey}' has no known kind.");
                    break;
            }
        }

        foreach (var (rowKey, row) in resources)
        {
            if (row.Deleting)
            {
                problems.Add($"Resource '{rowKey}' is marked Deleting (an interrupted delete).");
            }

            if (definitions.TryGetValue(row.Type, out var definition) && NeverReturnedValues.Find(row.Document, definition) is { Count: > 0 } secrets)
            {
                problems.Add($"Resource '{rowKey}' stores a value of {string.Join(", ", secrets.Select(s => $"'{s}'"))}, which is returned:never (run scimctl maintenance scrub-secrets).");
            }

            if (types.TryGetValue(row.Type, out var unique))
            {
                foreach (var (attribute, key) in unique.KeysOf(row.Document))
                {
                    if (!indexes.TryGetValue(key.RowKey, out var target) || target != row.Id)
                    {
                        problems.Add($"Resource '{rowKey}' has no index row for {attribute} '{key.Value}'.");
                    }
                }
            }
        }

        foreach (var (rowKey, target) in indexes)
        {
            var type = rowKey.Split(RowKeys.Separator)[1];
            if (!resources.TryGetValue(RowKeys.Resource(type, target), out var owner))
            {
                problems.Add($"Index row '{rowKey}' points at missing resource '{type}|{target}'.");
            }
            else if (types.TryGetValue(type, out var unique) && !unique.KeysOf(owner.Document).Values.Any(k => k.RowKey == rowKey))
            {
                problems.Add($"Index row '{rowKey}' is not owned by '{type}|{target}' any more (orphan).");
            }
        }

        var expectedMemberOfs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rowKey in members)
        {
            // group|{groupId}|member|{memberId}
            var parts = rowKey.Split(RowKeys.Separator);
            var (groupId, memberId) = (parts[1], parts[3]);
            var memberType = resources.ContainsKey(RowKeys.Resource("user", memberId)) ? "user" : resources.ContainsKey(RowKeys.Resource("group", memberId)) ? "group" : null;
            if (!resources.ContainsKey(RowKeys.Resource("group", groupId)))
            {
                problems.Add($"Member row '{rowKey}' belongs to missing group '{groupId}'.");
            }

            if (memberType is null)
            {
                problems.Add($"Member row '{rowKey}' names missing member '{memberId}'.");
                continue;
            }

            var counterpart = RowKeys.MemberOf(memberType, memberId, groupId);
            expectedMemberOfs.Add(counterpart);
            if (!memberOfs.Contains(counterpart))
            {
                problems.Add($"Member row '{rowKey}' has no reverse row '{counterpart}'.");
            }
        }

        foreach (var rowKey in memberOfs.Where(k => !expectedMemberOfs.Contains(k)))
        {
            problems.Add($"Reverse row '{rowKey}' has no member row (orphan).");
        }

        foreach (var type in resources.Values.Select(r => r.Type).Union(counters.Keys).Distinct(StringComparer.Ordinal))
        {
            var actual = resources.Values.LongCount(r => r.Type == type);
            var counted = counters.GetValueOrDefault(type);
            if (actual != counted)
            {
                problems.Add($"Counter of '{type}' says {counted} but there are {actual} resources.");
            }
        }

        var byType = resources.Values.GroupBy(r => r.Type).ToDictionary(g => g.Key, g => g.LongCount(), StringComparer.Ordinal);
        return new ConsistencyReport(problems, byType, members.Count, changes);
    }
}
