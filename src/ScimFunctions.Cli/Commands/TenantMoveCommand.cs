using System.Globalization;
using ScimFunctions.Cli.Output;
using ScimFunctions.Storage.Tenants;
using Spectre.Console;

namespace ScimFunctions.Cli.Commands;

/// <summary>
/// <c>tenant move &lt;tenant&gt; --to pool | --to silo-table &lt;name&gt; | --to silo-account &lt;endpoint&gt; [--table &lt;name&gt;]</c>:
/// moves a tenant online (docs/operations.md). Without <c>--to</c> it resumes the tenant's move from its stored step;
/// <c>--rollback</c> undoes one that has not switched; <c>--status</c> only shows it. Progress (rows, rate, ETA) on standard error.
/// </summary>
internal static class TenantMoveCommand
{
    public static Command Build(CliContextFactory factory)
    {
        var tenant = CliArguments.Tenant();
        var to = new Option<string[]>("--to")
        {
            Description = "Where to: 'pool', 'silo-table <name>' or 'silo-account <table endpoint>'. Omit it to resume the tenant's move.",
            Arity = new ArgumentArity(1, 2),
            AllowMultipleArgumentsPerToken = true,
        };
        var table = new Option<string?>("--table") { Description = "For silo-account: the table in that account (default: scim + the tenant id)." };
        var rollback = new Option<bool>("--rollback") { Description = "Undo the tenant's move (only before it switched): the copy is removed, writes resume at the source." };
        var status = new Option<bool>("--status") { Description = "Only show the tenant's move." };
        var command = new Command("move", "Move a tenant between the pool, its own table and its own storage account while its IdP keeps provisioning; run it again to resume.")
        {
            tenant, to, table, rollback, status,
        };
        factory.SetTenantAction(command, tenant, async (context, backend, record, cancellationToken) =>
        {
            var id = record.Id;
            var words = context.ParseResult.GetValue(to) ?? [];
            var location = words.Length == 0 ? null : Target(id, words, context.ParseResult.GetValue(table));
            if ((context.ParseResult.GetValue(rollback) || context.ParseResult.GetValue(status)) && location is not null)
            {
                throw new CliUsageException("--rollback and --status take no --to.");
            }

            TenantMove? move;
            MoveStepProgress? progress = null;
            if (context.ParseResult.GetValue(status))
            {
                move = await backend.Administration.GetMoveAsync(id, cancellationToken) ?? throw Core.Errors.ScimException.NotFound($"Tenant '{id.Value}' has never been moved.");
                progress = await backend.Administration.GetMoveProgressAsync(move, cancellationToken);
            }
            else if (context.ParseResult.GetValue(rollback))
            {
                move = await backend.Administration.RollbackMoveAsync(id, backend.Call, cancellationToken);
            }
            else
            {
                move = await backend.Administration.MoveAsync(id, location, new Lines(context.Output), backend.Call, cancellationToken);
            }

            context.Output.Result(TenantMoveJson.Write(move, progress), console => console.MarkupLine(Describe(move) + (progress is null ? string.Empty : " " + Describe(progress))));
        });
        return command;
    }

    private static TenantLocation Target(Core.TenantId tenant, string[] words, string? table)
    {
        try
        {
            return words[0].ToLowerInvariant() switch
            {
                "silo-table" => TenantLocation.Parse(tenant, words[0], words.ElementAtOrDefault(1) ?? table, null),
                "silo-account" => TenantLocation.Parse(tenant, words[0], table, words.ElementAtOrDefault(1)),
                _ => TenantLocation.Parse(tenant, words[0], words.ElementAtOrDefault(1), null),
            };
        }
        catch (Core.Errors.ScimException ex)
        {
            throw new CliUsageException(ex.Detail ?? ex.Message);
        }
    }

    private static string Describe(TenantMove move)
    {
        var tenant = Markup.Escape(move.Tenant.Value);
        var facts = move.FreezeMilliseconds is { } frozen
            ? string.Create(CultureInfo.InvariantCulture, $"{move.RowsCopied} rows copied, writes frozen for {frozen} ms")
            : string.Create(CultureInfo.InvariantCulture, $"{move.RowsCopied} rows copied");
        return move.State switch
        {
            MoveState.SourceRetained => $"Tenant [bold]{tenant}[/] now lives in {Markup.Escape(move.Target.ToString())} ({facts}). Its old rows are kept until {move.RetainUntil:u}; run [bold]scimctl tenant move {tenant}[/] again after that to remove them.",
            MoveState.Completed => $"Tenant [bold]{tenant}[/] lives in {Markup.Escape(move.Target.ToString())} ({facts}); the old location is cleaned up.",
            MoveState.RolledBack => $"The move of tenant [bold]{tenant}[/] to {Markup.Escape(move.Target.ToString())} is rolled back; it stays in {Markup.Escape(move.Source.ToString())}." + (move.Note is { } note ? " " + Markup.Escape(note) : string.Empty),
            _ => $"The move of tenant [bold]{tenant}[/] to {Markup.Escape(move.Target.ToString())} stopped at step {move.State}; run [bold]scimctl tenant move {tenant}[/] again to resume it, or add --rollback.",
        };
    }

    /// <summary>The running step's progress as another run of the move last reported it (<c>--status</c>).</summary>
    private static string Describe(MoveStepProgress progress) =>
        string.Create(CultureInfo.InvariantCulture, $"Step {progress.Step}: {progress.Rows}{(progress.Total is { } total ? $" of {total}" : string.Empty)} rows at {progress.RowsPerSecond} rows/s{(progress.EtaSeconds is { } eta ? $", about {eta} s to go" : string.Empty)} (as of {progress.Updated:u}).");

    /// <summary>Progress lines per step on standard error: rows, rate, ETA.</summary>
    private sealed class Lines(CliOutput output) : IProgress<MoveProgress>
    {
        private MoveState? _state;
        private ProgressLines? _lines;
        private long _reported;

        public void Report(MoveProgress value)
        {
            if (_state != value.State)
            {
                _state = value.State;
                _lines = output.ProgressLines($"{value.State.ToString().ToLowerInvariant()}: rows", (int)Math.Min(value.Total ?? value.Rows, int.MaxValue));
                _reported = 0;
            }

            _lines!.Advance((int)(value.Rows - _reported));
            _reported = value.Rows;
        }
    }
}
