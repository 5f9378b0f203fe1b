using ScimFunctions.LoadTool.Reporting;

namespace ScimFunctions.LoadTool.Scale;

/// <summary>The result of `scimload scale`: one entry per tenant size.</summary>
internal sealed record ScaleReport(DateTimeOffset Started, int Concurrency, IReadOnlyList<ScaleResult> Sizes, MachineInfo Machine);
