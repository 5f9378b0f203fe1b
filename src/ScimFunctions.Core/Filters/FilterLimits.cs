namespace ScimFunctions.Core.Filters;

/// <summary>Bounds on filter size so that a hostile filter cannot exhaust the stack or the CPU.</summary>
public sealed record FilterLimits(int MaxLength = 4096, int MaxDepth = 32, int MaxNodes = 256)
{
    public static FilterLimits Default { get; } = new();
}
