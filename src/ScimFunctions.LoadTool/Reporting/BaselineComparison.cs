using ScimFunctions.LoadTool.Scenarios;

namespace ScimFunctions.LoadTool.Reporting;

/// <summary>Puts each SCIM operation's p50 over the p50 of the raw storage operation it maps to.</summary>
internal static class BaselineComparison
{
    public static IReadOnlyList<OperationStats> WithRatios(IReadOnlyList<OperationStats> operations, IReadOnlyList<OperationStats> raw)
    {
        var rawByName = raw.ToDictionary(r => r.Operation, StringComparer.Ordinal);
        return [.. operations.Select(o =>
            OperationNames.ComparedWith(o.Operation) is { } name && rawByName.TryGetValue(name, out var floor) && floor.P50Ms > 0
                ? o with { RawBaselineOperation = name, RawBaselineRatio = o.P50Ms / floor.P50Ms }
                : o)];
    }
}
