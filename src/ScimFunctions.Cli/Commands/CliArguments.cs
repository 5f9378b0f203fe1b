using System.CommandLine.Parsing;
using System.Globalization;

namespace ScimFunctions.Cli.Commands;

/// <summary>Arguments and options shared by several commands, validated while parsing.</summary>
internal static class CliArguments
{
    public static Argument<TenantId> Tenant(string description = "The tenant id (3-63 characters of a-z, 0-9 and '-').") => new("tenant")
    {
        Description = description,
        CustomParser = ParseTenant,
    };

    /// <summary>An optional <c>--tenant</c>, validated like <see cref="Tenant"/>.</summary>
    public static Option<TenantId?> TenantOption(string description) => new("--tenant")
    {
        Description = description,
        CustomParser = result => ParseTenant(result),
    };

    /// <summary>A duration such as <c>90s</c>, <c>30m</c>, <c>24h</c>, <c>7d</c> or a .NET TimeSpan (<c>1.12:00:00</c>).</summary>
    public static Option<TimeSpan?> Duration(string name, string description) => new(name)
    {
        Description = description + " (e.g. 30m, 24h, 7d).",
        CustomParser = ParseDuration,
    };

    /// <summary>An absolute http(s) URI (System.CommandLine has no converter for <see cref="Uri"/>).</summary>
    public static Uri? ParseAbsoluteUri(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            return uri;
        }

        result.AddError($"'{text}' is not an absolute http(s) URL.");
        return null;
    }

    private static TenantId ParseTenant(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        if (TenantId.TryParse(text, out var tenant))
        {
            return tenant;
        }

        result.AddError($"'{text}' is not a tenant id: 3-63 characters of a-z, 0-9 and '-', starting and ending with a letter or digit.");
        return default;
    }

    private static TimeSpan? ParseDuration(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        if (TryParseDuration(text, out var duration) && duration >= TimeSpan.Zero)
        {
            return duration;
        }

        result.AddError($"'{text}' is not a duration: use a number with s, m, h or d (e.g. 24h), or d.hh:mm:ss.");
        return null;
    }

    internal static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        if (text.Length >= 2 && double.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
        {
            TimeSpan? parsed = char.ToLowerInvariant(text[^1]) switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                _ => null,
            };
            if (parsed is { } value)
            {
                duration = value;
                return true;
            }
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration);
    }
}
