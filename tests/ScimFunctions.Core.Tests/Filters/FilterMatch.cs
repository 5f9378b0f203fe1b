using System.Text.Json.Nodes;
using ScimFunctions.Core.Filters;
using ScimFunctions.Core.Schemas;

namespace ScimFunctions.Core.Tests.Filters;

/// <summary>Parse then evaluate, as the service does.</summary>
internal static class FilterMatch
{
    public static bool User(string filter, JsonObject? user = null) =>
        FilterEvaluator.Matches(ScimFilter.Parse(filter), user ?? TestSchemas.Babs(), TestSchemas.User);

    public static bool Group(string filter, JsonObject? group = null) =>
        FilterEvaluator.Matches(ScimFilter.Parse(filter), group ?? TestSchemas.Tour(), TestSchemas.Group);

    public static bool Matches(string filter, JsonObject resource, ResourceTypeDefinition resourceType) =>
        FilterEvaluator.Matches(ScimFilter.Parse(filter), resource, resourceType);
}
