using Azure;
using ScimFunctions.Core.Errors;
using ScimFunctions.Storage.Maintenance;
using ScimFunctions.Storage.Tenants;
using Spectre.Console;

namespace ScimFunctions.Cli.Commands;

/// <summary><c>maintenance scrub-secrets</c> and <c>maintenance purge-deleted</c>: repairs and housekeeping of stored data.</summary>
internal static class MaintenanceCommands
{
    public static Command Build(CliContextFactory factory) =>
        new("maintenance", "Housekeeping and one-off repairs of the stamp's storage (idempotent, resumable, safe to interrupt).") { ScrubSecrets(factory), PurgeDeleted(factory) };

    private static Command ScrubSecrets(CliContextFactory factory)
    {
        var tenant = CliArguments.Tenant("The tenant to scrub; every tenant of the stamp when omitted.");
        tenant.Arity = ArgumentArity.ZeroOrOne;
        var after = new Option<string?>("--after") { Description = "Resume a tenant's scrub after this position (the last position it printed)." };
        var command = new Command(
            "scrub-secrets",
            "Remove stored values of returned:never attributes (e.g. password) from resource rows written before the service dropped them.")
        {
            tenant,
            after,
        };
        factory.SetAction(command, async (context, cancellationToken) =>
        {
            var backend = await context.BackendAsync(cancellationToken);
            var position = context.ParseResult.GetValue(after);
            var one = context.ParseResult.GetResult(tenant) is { Tokens.Count: > 0 };
            if (position is not null && !one)
            {
                throw new CliUsageException("--after resumes one tenant's scrub: name the tenant too.");
            }

            IReadOnlyList<TenantRecord> tenants = one
                ? [await backend.RequireTenantAsync(context.ParseResult.GetValue(tenant), cancellationToken)]
                : [.. (await backend.Registry.ListAsync(cancellationToken)).Where(t => t.Status != TenantStatus.Deleting)];
            var writeContext = backend.WriteContext;
            var reports = new List<ScrubReport>();
            var failures = new List<(string Tenant, string Reason)>();
            foreach (var record in tenants)
            {
                try
                {
                    reports.Add(await SecretScrubber.ScrubAsync(backend.Storage, record, writeContext, position, Progress(context), cancellationToken));
                }
                catch (Exception ex) when (!one && ex is RequestFailedException or InvalidOperationException or ScimException)
                {
                    // One unreachable tenant (a silo table gone, an account the stamp cannot reach) does not stop the others.
                    failures.Add((record.Id.Value, ex switch
                    {
                        RequestFailedException failed => $"the service answered {failed.Status} {failed.ErrorCode}",
                        ScimException scim => scim.Detail,
                        _ => ex.Message,
                    }));
                }
            }

            context.Output.Result(ToJson(reports, failures), console =>
            {
                foreach (var report in reports)
                {
                    var removed = report.Attributes.Count == 0 ? "nothing to remove" : string.Join(", ", report.Attributes.Select(a => $"{a.Key} from {a.Value}"));
                    console.MarkupLineInterpolated($"[bold]{report.Tenant}[/]: read {report.Scanned} resources, scrubbed {report.Scrubbed} ({removed}).");
                }

                foreach (var (failed, reason) in failures)
                {
                    console.MarkupLineInterpolated($"[red]{failed}[/]: not scrubbed ({reason}); run again for this tenant.");
                }
            });
            return failures.Count == 0 ? CliContextFactory.Success : CliContextFactory.Failed;
        });
        return command;
    }

    /// <summary>
    /// One line per page read (people only: --json prints the result alone), with the position to resume from, written
    /// raw so the position is never wrapped.
    /// </summary>
    private static Action<ScrubProgress>? Progress(CliContext context) => context.Output.IsJson
        ? null
        : progress => context.Output.WriteRawLine($"{progress.Tenant}: read {progress.Scanned}, scrubbed {progress.Scrubbed}; resume with --after {progress.Position}");

    private static JsonObject ToJson(List<ScrubReport> reports, List<(string Tenant, string Reason)> failures) => new()
    {
        ["scanned"] = reports.Sum(r => r.Scanned),
        ["scrubbed"] = reports.Sum(r => r.Scrubbed),
        ["tenants"] = new JsonArray([.. reports.Select(report => (JsonNode)new JsonObject
        {
            ["tenant"] = report.Tenant,
            ["scanned"] = report.Scanned,
            ["scrubbed"] = report.Scrubbed,
            ["conflicts"] = report.Conflicts,
            ["attributes"] = new JsonObject([.. report.Attributes.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value))]),
            ["position"] = report.Position,
        })]),
        ["failed"] = new JsonArray([.. failures.Select(f => (JsonNode)new JsonObject { ["tenant"] = f.Tenant, ["reason"] = f.Reason })]),
    };

    private static Command PurgeDeleted(CliContextFactory factory)
    {
        var command = new Command(
            "purge-deleted",
            "Remove rows that hosts still caching a deleted tenant wrote after its delete (they are invisible to everyone), and forget deleted tenants older than the retention (1 hour).");
        factory.SetAction(command, async (context, cancellationToken) =>
        {
            var backend = await context.BackendAsync(cancellationToken);
            var progress = context.Output.IsJson ? null : new Progress<string>(line => context.Output.Console.MarkupLineInterpolated($"[grey]{line}[/]"));
            var report = await backend.Registry.PurgeDeletedAsync(progress, cancellationToken);
            context.Output.Result(
                new JsonObject
                {
                    ["deletedIncarnations"] = report.Tombstones,
                    ["rowsRemoved"] = report.RowsRemoved,
                    ["forgotten"] = report.TombstonesForgotten,
                    ["unreachable"] = report.Unreachable,
                },
                console => console.MarkupLineInterpolated($"{report.Tombstones} deleted tenant incarnation(s): {report.RowsRemoved} late row(s) removed, {report.TombstonesForgotten} forgotten, {report.Unreachable} unreachable (run again later)."));
            return report.Unreachable == 0 ? CliContextFactory.Success : CliContextFactory.Failed;
        });
        return command;
    }
}
