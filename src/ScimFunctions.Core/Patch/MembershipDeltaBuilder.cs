namespace ScimFunctions.Core.Patch;

/// <summary>
/// Folds the operations on an externalized multi-valued attribute into one <see cref="MembershipDelta"/>, in order, so
/// that a later operation wins over an earlier one (add x then remove x: x is removed and not added).
/// </summary>
internal sealed class MembershipDeltaBuilder
{
    private readonly OrderedDictionary<string, MemberReference> _added = new(StringComparer.Ordinal);
    private readonly List<string> _removed = [];
    private readonly HashSet<string> _removedSet = new(StringComparer.Ordinal);
    private bool _clear;

    public void Clear()
    {
        _clear = true;
        _added.Clear();
        _removed.Clear();
        _removedSet.Clear();
    }

    public void Add(MemberReference member)
    {
        if (_removedSet.Remove(member.Value))
        {
            _removed.Remove(member.Value);
        }

        _added[member.Value] = member;
    }

    public void Remove(string value)
    {
        _added.Remove(value);
        if (!_clear && _removedSet.Add(value))
        {
            _removed.Add(value);
        }
    }

    public MembershipDelta Build() => new(_clear, [.. _added.Values], [.. _removed]);
}
