using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace ScimFunctions.Cli.Commands;

/// <summary><c>maintenance purge-deleted</c>: the stamp's housekeeping, safe to run at any time and again.</summary>
internal static class MaintenanceCommands
{
    public static Command Build(CliContextFactory factory)
    {
        var maintenance = new Command("maintenance", "Housekeeping of the stamp's storage (idempotent, resumable).");
        maintenance.Subcommands.Add(PurgeDeleted(factory));
        return maintenance;
    }

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
