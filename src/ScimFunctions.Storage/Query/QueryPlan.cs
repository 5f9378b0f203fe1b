using ScimFunctions.Core.Filters;
using ScimFunctions.Storage.Store;

namespace ScimFunctions.Storage.Query;

/// <summary>How a filter is answered: which rows are read to find candidates, and what is checked on each candidate.</summary>
internal sealed record QueryPlan
{
    /// <summary>Candidates are exactly these ids (an <c>id eq</c> term): point reads.</summary>
    public IReadOnlyList<string>? Ids { get; init; }

    /// <summary>Candidates come from one index row (a <c>userName</c>, <c>externalId</c> or group <c>displayName</c> <c>eq</c> term).</summary>
    public (AttributeDefinition Attribute, string Value)? Index { get; init; }

    /// <summary>Candidates come from the relation rows of this resource (<c>members eq "u"</c> on groups, <c>groups eq "g"</c> on users).</summary>
    public string? RelatedTo { get; init; }

    /// <summary>Every candidate must be related to each of these ids (checked on relation rows, never in the document).</summary>
    public IReadOnlyList<string> RequiredRelations { get; init; } = [];

    /// <summary>The rest of the filter, evaluated in memory on each candidate; null when nothing is left.</summary>
    public FilterNode? Residual { get; init; }

    /// <summary>The residual looks at the relation attribute, so candidates are read with their relation rows.</summary>
    public bool ResidualNeedsRelations { get; init; }

    public bool IsScan => Ids is null && Index is null && RelatedTo is null;
}

/// <summary>
/// Translates a filter tree into a <see cref="QueryPlan"/>: the terms of a top-level <c>and</c> chain that can use a row
/// (id, unique attribute, relation) pick the candidates; everything else (and the picked terms again, for exact SCIM
/// comparison rules) is evaluated in memory. Any other shape scans the tenant's partition of the type.
/// </summary>
internal static class QueryPlanner
{
    public static QueryPlan Plan(FilterNode? filter, TypeInfo info)
    {
        if (filter is null)
        {
            return new QueryPlan();
        }

        var conjuncts = new List<FilterNode>();
        Flatten(filter, conjuncts);
        var ids = new List<string>();
        (AttributeDefinition, string)? index = null;
        var relations = new List<string>();
        var residual = new List<FilterNode>();
        foreach (var term in conjuncts)
        {
            if (RelationValue(term, info) is { } related)
            {
                relations.Add(related);
                continue;
            }

            residual.Add(term);
            if (term is not ComparisonNode { Operator: ComparisonOperator.Eq, Value: { Kind: FilterLiteralKind.String, Text: { } text } } comparison)
            {
                continue;
            }

            var resolved = AttributeResolver.Resolve(comparison.Path, info.Definition);
            if (resolved is null || resolved.IsExtension || resolved.SubAttribute is not null)
            {
                continue;
            }

            if (ReferenceEquals(resolved.Attribute, CommonAttributes.Id))
            {
                ids.Add(text);
            }
            else if (index is null && info.Unique.Find(resolved.Attribute.Name) is { } unique)
            {
                index = (unique, text);
            }
        }

        var rest = residual.Count == 0 ? null : residual.Aggregate((left, right) => new AndNode(left, right));
        var needsRelations = rest is not null && info.RelationAttribute is { } attribute && References(rest, attribute);
        if (ids.Count > 0)
        {
            return new QueryPlan { Ids = ids.TrueForAll(id => id == ids[0]) ? [ids[0]] : [], RequiredRelations = relations, Residual = rest, ResidualNeedsRelations = needsRelations };
        }

        if (index is not null)
        {
            return new QueryPlan { Index = index, RequiredRelations = relations, Residual = rest, ResidualNeedsRelations = needsRelations };
        }

        if (relations.Count > 0)
        {
            return new QueryPlan { RelatedTo = relations[0], RequiredRelations = relations, Residual = rest, ResidualNeedsRelations = needsRelations };
        }

        return new QueryPlan { Residual = rest, ResidualNeedsRelations = needsRelations };
    }

    private static void Flatten(FilterNode node, List<FilterNode> conjuncts)
    {
        if (node is AndNode and)
        {
            Flatten(and.Left, conjuncts);
            Flatten(and.Right, conjuncts);
        }
        else
        {
            conjuncts.Add(node);
        }
    }

    /// <summary>The related id of <c>members eq "x"</c>, <c>members.value eq "x"</c> or <c>members[value eq "x"]</c> (groups on users).</summary>
    private static string? RelationValue(FilterNode term, TypeInfo info)
    {
        if (info.RelationAttribute is not { } attribute)
        {
            return null;
        }

        return term switch
        {
            ComparisonNode { Operator: ComparisonOperator.Eq, Value: { Kind: FilterLiteralKind.String, Text: { } text } } c
                when IsRelation(c.Path, attribute, info) && (c.Path.SubAttribute is null || string.Equals(c.Path.SubAttribute, "value", StringComparison.OrdinalIgnoreCase)) => text,
            ValuePathNode { Filter: ComparisonNode { Operator: ComparisonOperator.Eq, Value: { Kind: FilterLiteralKind.String, Text: { } text } } inner } v
                when IsRelation(v.Path, attribute, info) && inner.Path.SchemaUrn is null && inner.Path.SubAttribute is null && string.Equals(inner.Path.Name, "value", StringComparison.OrdinalIgnoreCase) => text,
            _ => null,
        };
    }

    private static bool IsRelation(AttributePath path, string attribute, TypeInfo info) =>
        string.Equals(path.Name, attribute, StringComparison.OrdinalIgnoreCase)
        && (path.SchemaUrn is null || string.Equals(path.SchemaUrn, info.Definition.Schema.Id, StringComparison.OrdinalIgnoreCase));

    private static bool References(FilterNode node, string attribute) => node switch
    {
        ComparisonNode c => string.Equals(c.Path.Name, attribute, StringComparison.OrdinalIgnoreCase),
        PresentNode p => string.Equals(p.Path.Name, attribute, StringComparison.OrdinalIgnoreCase),
        ValuePathNode v => string.Equals(v.Path.Name, attribute, StringComparison.OrdinalIgnoreCase),
        AndNode a => References(a.Left, attribute) || References(a.Right, attribute),
        OrNode o => References(o.Left, attribute) || References(o.Right, attribute),
        NotNode n => References(n.Inner, attribute),
        _ => false,
    };
}
