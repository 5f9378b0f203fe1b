using System.Text.Json.Nodes;
using ScimFunctions.Core.Schemas;

namespace ScimFunctions.Core.Filters;

/// <summary>Evaluates a parsed filter against a resource document, with schema-aware typed comparison.</summary>
public static class FilterEvaluator
{
    /// <summary>True when <paramref name="resource"/> matches <paramref name="filter"/>.</summary>
    public static bool Matches(FilterNode filter, JsonObject resource, ResourceTypeDefinition resourceType) => throw new NotImplementedException();
}
