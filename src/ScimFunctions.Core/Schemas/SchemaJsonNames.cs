namespace ScimFunctions.Core.Schemas;

/// <summary>The RFC 7643 §7 spellings of the characteristic enums, both ways (reading is case-insensitive).</summary>
internal static class SchemaJsonNames
{
    public static string Of(ScimAttributeType type) => type switch
    {
        ScimAttributeType.String => "string",
        ScimAttributeType.Boolean => "boolean",
        ScimAttributeType.Decimal => "decimal",
        ScimAttributeType.Integer => "integer",
        ScimAttributeType.DateTime => "dateTime",
        ScimAttributeType.Binary => "binary",
        ScimAttributeType.Reference => "reference",
        ScimAttributeType.Complex => "complex",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static string Of(Mutability mutability) => mutability switch
    {
        Mutability.ReadWrite => "readWrite",
        Mutability.ReadOnly => "readOnly",
        Mutability.Immutable => "immutable",
        Mutability.WriteOnly => "writeOnly",
        _ => throw new ArgumentOutOfRangeException(nameof(mutability)),
    };

    public static string Of(Returned returned) => returned switch
    {
        Returned.Default => "default",
        Returned.Always => "always",
        Returned.Never => "never",
        Returned.Request => "request",
        _ => throw new ArgumentOutOfRangeException(nameof(returned)),
    };

    public static string Of(Uniqueness uniqueness) => uniqueness switch
    {
        Uniqueness.None => "none",
        Uniqueness.Server => "server",
        Uniqueness.Global => "global",
        _ => throw new ArgumentOutOfRangeException(nameof(uniqueness)),
    };

    public static bool TryParse<T>(string text, out T value)
        where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(Name(candidate), text, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    public static IEnumerable<string> AllNames<T>()
        where T : struct, Enum => Enum.GetValues<T>().Select(Name);

    private static string Name<T>(T value)
        where T : struct, Enum => value switch
        {
            ScimAttributeType type => Of(type),
            Mutability mutability => Of(mutability),
            Returned returned => Of(returned),
            Uniqueness uniqueness => Of(uniqueness),
            _ => throw new ArgumentOutOfRangeException(nameof(value)),
        };
}
