namespace ScimFunctions.Core.Errors;

/// <summary>
/// The <c>scimType</c> of an RFC 7644 error: an extensible enum (RFC 7644 §3.12 plus RFC 9865's paging errors).
/// </summary>
public readonly struct ScimType : IEquatable<ScimType>
{
    private readonly string? _value;

    public ScimType(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        _value = value;
    }

    public static ScimType InvalidFilter { get; } = new("invalidFilter");
    public static ScimType TooMany { get; } = new("tooMany");
    public static ScimType Uniqueness { get; } = new("uniqueness");
    public static ScimType Mutability { get; } = new("mutability");
    public static ScimType InvalidSyntax { get; } = new("invalidSyntax");
    public static ScimType InvalidPath { get; } = new("invalidPath");
    public static ScimType NoTarget { get; } = new("noTarget");
    public static ScimType InvalidValue { get; } = new("invalidValue");
    public static ScimType InvalidVers { get; } = new("invalidVers");
    public static ScimType Sensitive { get; } = new("sensitive");
    public static ScimType InvalidCursor { get; } = new("invalidCursor");
    public static ScimType ExpiredCursor { get; } = new("expiredCursor");
    public static ScimType InvalidCount { get; } = new("invalidCount");

    public string Value => _value ?? string.Empty;

    public bool Equals(ScimType other) => string.Equals(_value, other._value, StringComparison.Ordinal);
    public override bool Equals(object? obj) => obj is ScimType other && Equals(other);
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);
    public override string ToString() => Value;
    public static bool operator ==(ScimType left, ScimType right) => left.Equals(right);
    public static bool operator !=(ScimType left, ScimType right) => !left.Equals(right);
}
