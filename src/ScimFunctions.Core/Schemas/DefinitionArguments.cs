using System.Runtime.CompilerServices;

namespace ScimFunctions.Core.Schemas;

/// <summary>
/// The argument checks of the definition types, as expressions: a primary constructor's property initializers check
/// and assign in one step (<c>public string Name { get; } = DefinitionArguments.NotEmpty(name);</c>).
/// </summary>
internal static class DefinitionArguments
{
    public static string NotEmpty(string value, [CallerArgumentExpression(nameof(value))] string? parameter = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(value, parameter);
        return value;
    }

    public static T NotNull<T>(T value, [CallerArgumentExpression(nameof(value))] string? parameter = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(value, parameter);
        return value;
    }
}
