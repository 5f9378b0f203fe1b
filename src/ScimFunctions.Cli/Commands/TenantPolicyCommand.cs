using System.CommandLine.Parsing;
using System.Globalization;
using ScimFunctions.Storage.Audit;
using ScimFunctions.Storage.Tenants;
using Spectre.Console;

namespace ScimFunctions.Cli.Commands;

/// <summary>
/// <c>tenant set-policy</c>: changes only the limits and switches given; everything else stays as it is.
/// Each setting is one option plus how it changes the record, so adding one is one line. Every policy setting also
/// has <c>--clear-&lt;name&gt;</c>, which returns it to its default (for a quota or an expiry: none).
/// </summary>
internal static class TenantPolicyCommand
{
    public static Command Build(CliContextFactory factory)
    {
        var tenant = CliArguments.Tenant();
        List<ISetting> settings =
        [
            Policy<Limit>("--max-users", "Most users (a number or 'unlimited').", ParseLimit, (p, v) => p with { MaxUsers = v.Value }, (p, d) => p with { MaxUsers = d.MaxUsers }),
            Policy<Limit>("--max-groups", "Most groups (a number or 'unlimited').", ParseLimit, (p, v) => p with { MaxGroups = v.Value }, (p, d) => p with { MaxGroups = d.MaxGroups }),
            Policy<double>("--requests-per-second", "Sustained requests per second before 429.", null, (p, v) => p with { RequestsPerSecond = v }, (p, d) => p with { RequestsPerSecond = d.RequestsPerSecond }),
            Policy<AllowedOperations>("--allowed-operations", "Comma-separated: Read, Create, Update, Delete (or All, None).", ParseOperations, (p, v) => p with { AllowedOperations = v }, (p, d) => p with { AllowedOperations = d.AllowedOperations }),
            Policy<bool>("--bulk", "Allow /Bulk (true/false).", null, (p, v) => p with { BulkEnabled = v }, (p, d) => p with { BulkEnabled = d.BulkEnabled }),
            Policy<int>("--bulk-max-operations", "Most operations in one bulk request.", null, (p, v) => p with { BulkMaxOperations = v }, (p, d) => p with { BulkMaxOperations = d.BulkMaxOperations }),
            Policy<int>("--bulk-max-payload-bytes", "Largest bulk request body.", null, (p, v) => p with { BulkMaxPayloadBytes = v }, (p, d) => p with { BulkMaxPayloadBytes = d.BulkMaxPayloadBytes }),
            Policy<int>("--max-request-bytes", "Largest request body.", null, (p, v) => p with { MaxRequestBytes = v }, (p, d) => p with { MaxRequestBytes = d.MaxRequestBytes }),
            Policy<bool>("--mcp", "Allow the MCP tools for AI agents at /mcp/{tenant} (true/false).", null, (p, v) => p with { McpEnabled = v }, (p, d) => p with { McpEnabled = d.McpEnabled }),
            Policy<int>("--change-retention-days", "Days the change feed (and its webhook events) is kept before it is trimmed (1-3650, default 30).", null, (p, v) => p with { ChangeRetentionDays = v }, (p, d) => p with { ChangeRetentionDays = d.ChangeRetentionDays }),
            Policy<Expiry>("--expires-at", "When a trial tenant stops working (ISO 8601 date/time, or 'never').", ParseExpiry, (p, v) => p with { ExpiresAt = v.Value }, (p, d) => p with { ExpiresAt = d.ExpiresAt }),
            Compatibility<UnknownAttributePolicy>("--unknown-attributes", "Ignore or Reject attributes no schema defines.", null, (c, v) => c with { UnknownAttributes = v }),
            Compatibility<int>("--patch-response", "Answer a successful PATCH with 204 or 200.", ParsePatchStatus, (c, v) => c with { PatchReturnsNoContent = v == 204 }),
            Compatibility<bool>("--boolean-strings", "Accept \"True\"/\"False\" strings as booleans.", null, (c, v) => c with { BooleanStrings = v }),
            Compatibility<bool>("--case-insensitive-patch-ops", "Accept PATCH op names in any case.", null, (c, v) => c with { CaseInsensitivePatchOps = v }),
            Compatibility<bool>("--remove-members-by-value-array", "Remove only the listed members on remove with a value array.", null, (c, v) => c with { RemoveMembersByValueArray = v }),
            Compatibility<bool>("--unquoted-filter-strings", "Read a bare filter value compared to a string attribute as a string (userName eq akadmin).", null, (c, v) => c with { UnquotedFilterStrings = v }),
        ];
        settings.AddRange(settings.OfType<IPolicySetting>().Select(setting => setting.Clear()).ToList());

        var command = new Command("set-policy", "Change a tenant's limits and compatibility switches.") { tenant };
        foreach (var setting in settings)
        {
            command.Options.Add(setting.Option);
        }

        factory.SetAction(command, async (context, cancellationToken) =>
        {
            var backend = await context.BackendAsync(cancellationToken);
            var given = settings.Where(setting => context.ParseResult.GetResult(setting.Option) is { Implicit: false }).ToList();
            if (given.Count == 0)
            {
                throw new CliUsageException("Nothing to change: give at least one policy option (see --help).");
            }

            var record = await backend.RequireTenantAsync(context.ParseResult.GetValue(tenant), cancellationToken);
            var changed = given.Aggregate(record, (current, setting) => setting.Apply(context.ParseResult, current));
            var policyChanged = changed.Policy != record.Policy;
            var compatibilityChanged = changed.Compatibility != record.Compatibility;
            var action = compatibilityChanged && !policyChanged ? AuditActions.TenantCompatibility : AuditActions.TenantPolicy;
            var detail = string.Join(' ', new[]
            {
                policyChanged || !compatibilityChanged ? AuditDetails.Updated(AuditActions.TenantPolicy, changed) : null,
                compatibilityChanged ? AuditDetails.Updated(AuditActions.TenantCompatibility, changed) : null,
            }.OfType<string>());
            var updated = await backend.Administration.UpdateAsync(changed, action, detail, backend.Call, cancellationToken);
            context.Output.Result(TenantJson.Write(updated), console =>
                console.MarkupLineInterpolated($"Updated {given.Count} setting(s) of tenant [bold]{updated.Id.Value}[/]."));
        });
        return command;
    }

    private interface ISetting
    {
        Option Option { get; }

        TenantRecord Apply(ParseResult parseResult, TenantRecord record);
    }

    private interface IPolicySetting
    {
        /// <summary>The <c>--clear-…</c> option of this setting.</summary>
        ISetting Clear();
    }

    private class Setting<T>(Option<T> option, Func<TenantRecord, T, TenantRecord> apply) : ISetting
    {
        public Option Option => option;

        public TenantRecord Apply(ParseResult parseResult, TenantRecord record) => apply(record, parseResult.GetValue(option)!);
    }

    private sealed class PolicySetting<T>(Option<T> option, Func<TenantRecord, T, TenantRecord> apply, Func<TenantPolicy, TenantPolicy, TenantPolicy> reset)
        : Setting<T>(option, apply), IPolicySetting
    {
        public ISetting Clear() => new Setting<bool>(
            new Option<bool>("--clear-" + Option.Name.TrimStart('-')) { Description = $"Return {Option.Name} to its default.", Arity = ArgumentArity.Zero },
            (record, clear) => clear ? record with { Policy = reset(record.Policy, TenantPolicy.Default) } : record);
    }

    private readonly record struct Limit(long? Value);

    private readonly record struct Expiry(DateTimeOffset? Value);

    private static PolicySetting<T> Policy<T>(string name, string description, Func<ArgumentResult, T>? parser, Func<TenantPolicy, T, TenantPolicy> apply, Func<TenantPolicy, TenantPolicy, TenantPolicy> reset) =>
        new(NewOption(name, description, parser), (record, value) => record with { Policy = apply(record.Policy, value) }, reset);

    private static Setting<T> Compatibility<T>(string name, string description, Func<ArgumentResult, T>? parser, Func<CompatibilityOptions, T, CompatibilityOptions> apply) =>
        new(NewOption(name, description, parser), (record, value) => record with { Compatibility = apply(record.Compatibility, value) });

    private static Option<T> NewOption<T>(string name, string description, Func<ArgumentResult, T>? parser)
    {
        var option = new Option<T>(name) { Description = description };
        if (parser is not null)
        {
            option.CustomParser = parser;
        }

        return option;
    }

    private static string Single(ArgumentResult result) => result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;

    private static Limit ParseLimit(ArgumentResult result) =>
        new(ParseOrNone(result, "unlimited", (string text, out long value) => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value), "a limit: give a number or 'unlimited'"));

    private static Expiry ParseExpiry(ArgumentResult result) =>
        new(ParseOrNone(result, "never", (string text, out DateTimeOffset value) => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value), "a date: give an ISO 8601 date/time or 'never'"));

    private delegate bool TryParse<T>(string text, out T value);

    /// <summary>A value, or none for the word <paramref name="none"/>; anything else is an error saying what <paramref name="expected"/>.</summary>
    private static T? ParseOrNone<T>(ArgumentResult result, string none, TryParse<T> tryParse, string expected)
        where T : struct
    {
        var text = Single(result);
        if (text.Equals(none, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (tryParse(text, out var value))
        {
            return value;
        }

        result.AddError($"'{text}' is not {expected}.");
        return null;
    }

    private static AllowedOperations ParseOperations(ArgumentResult result)
    {
        var text = Single(result);
        if (Enum.TryParse<AllowedOperations>(text, ignoreCase: true, out var value) && !text.Any(char.IsDigit))
        {
            return value;
        }

        result.AddError($"'{text}' is not a list of operations: use Read, Create, Update, Delete, All or None, separated by commas.");
        return default;
    }

    private static int ParsePatchStatus(ArgumentResult result)
    {
        var text = Single(result);
        if (text is "200" or "204")
        {
            return int.Parse(text, CultureInfo.InvariantCulture);
        }

        result.AddError($"'{text}' is not a PATCH response status: use 200 or 204.");
        return default;
    }
}
