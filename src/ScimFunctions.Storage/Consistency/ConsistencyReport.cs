namespace ScimFunctions.Storage.Consistency;

/// <summary>What <see cref="ConsistencyChecker"/> found in one tenant's rows.</summary>
public sealed record ConsistencyReport(IReadOnlyList<string> Problems, IReadOnlyDictionary<string, long> ResourcesByType, long Memberships, long ChangeRows)
{
    public bool IsConsistent => Problems.Count == 0;

    public override string ToString() =>
        IsConsistent
            ? $"consistent: {string.Join(", ", ResourcesByType.Select(p => $"{p.Value} {p.Key}"))}, {Memberships} memberships, {ChangeRows} changes"
            : $"{Problems.Count} problem(s):\n" + string.Join('\n', Problems.Take(50));
}
