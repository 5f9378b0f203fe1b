using System.Text.Json;

namespace ScimFunctions.Core.Schemas;

/// <summary>
/// The RFC 7643 §7 spellings of the characteristic enums (<see cref="ScimAttributeType"/>, <see cref="Mutability"/>,
/// <see cref="Returned"/>, <see cref="Uniqueness"/>): each member's name in camelCase (<c>dateTime</c>, <c>readWrite</c>),
/// both ways (reading is case-insensitive).
/// </summary>
internal static class SchemaJsonNames
{
    public static string Of<T>(T value)
        where T : struct, Enum
    {
        foreach (var (candidate, name) in Names<T>.All)
        {
            if (EqualityComparer<T>.Default.Equals(candidate, value))
            {
                return name;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(value));
    }

    public static bool TryParse<T>(string text, out T value)
        where T : struct, Enum
    {
        foreach (var (candidate, name) in Names<T>.All)
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    public static IEnumerable<string> AllNames<T>()
        where T : struct, Enum => Names<T>.All.Select(pair => pair.Name);

    private static class Names<T>
        where T : struct, Enum
    {
        public static readonly (T Value, string Name)[] All =
            [.. Enum.GetValues<T>().Select(value => (value, JsonNamingPolicy.CamelCase.ConvertName(value.ToString())))];
    }
}
