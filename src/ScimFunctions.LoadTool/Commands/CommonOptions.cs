using System.CommandLine;
using System.CommandLine.Parsing;

namespace ScimFunctions.LoadTool.Commands;

/// <summary>Options several commands share.</summary>
internal static class CommonOptions
{
    /// <summary>Environment variable read when --token is not given, so the token stays out of shell history.</summary>
    public const string TokenVariable = "SCIMLOAD_TOKEN";

    public static Option<Uri> BaseUrl() => new("--base-url")
    {
        Description = "The tenant's SCIM base URL, e.g. http://127.0.0.1:7071/scim/v2/demo",
        Required = true,
    };

    public static Option<string?> Token() => new("--token")
    {
        Description = $"The tenant's bearer token (default: ${TokenVariable}).",
    };

    public static Option<int> Concurrency() => new("--concurrency", "-c")
    {
        Description = "Concurrent requests.",
        DefaultValueFactory = _ => 8,
        Validators = { Positive },
    };

    public static Option<bool> NoProgress() => new("--no-progress") { Description = "No progress bar." };

    public static Option<string?> StorageConnectionString() => new("--storage-connection-string")
    {
        Description = "Storage the endpoint uses (for --raw-baseline and direct seeding).",
    };

    public static void Positive(OptionResult result)
    {
        if (result.GetValueOrDefault<int>() < 1)
        {
            result.AddError($"{result.Option.Name} must be at least 1.");
        }
    }

    public static void NotNegative(OptionResult result)
    {
        if (result.GetValueOrDefault<int>() < 0)
        {
            result.AddError($"{result.Option.Name} must not be negative.");
        }
    }

    public static void NotNegativeNumber(OptionResult result)
    {
        if (result.GetValueOrDefault<double>() < 0)
        {
            result.AddError($"{result.Option.Name} must not be negative.");
        }
    }

    public static TimeSpan ParseDuration(ArgumentResult result)
    {
        var text = result.Tokens.Count == 0 ? null : result.Tokens[0].Value;
        if (DurationParser.TryParse(text, out var duration))
        {
            return duration;
        }

        result.AddError($"'{text}' is not a duration (examples: 30s, 2m, 00:01:30).");
        return default;
    }

    public static string? ResolveToken(string? option) =>
        option is { Length: > 0 } ? option : Environment.GetEnvironmentVariable(TokenVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null;
}
