using System.Globalization;
using Spectre.Console;

namespace ScimFunctions.Cli.Commands;

/// <summary><c>audit &lt;tenant&gt;</c>: the operator actions on a tenant, oldest first (also for a deleted tenant).</summary>
internal static class AuditCommands
{
    public static Command Build(CliContextFactory factory)
    {
        var tenant = CliArguments.Tenant();
        var cursor = new Option<string?>("--cursor") { Description = "Continue after this cursor (printed by the previous page)." };
        var count = new Option<int>("--count") { Description = "Most records to show (1-1000).", DefaultValueFactory = _ => 100 };
        var command = new Command("audit", "Show who did what to a tenant: create, suspend, resume, delete, policy, schemas, compatibility, token issue/rotate/revoke.") { tenant, cursor, count };
        factory.SetAction(command, async (context, cancellationToken) =>
        {
            var records = context.ParseResult.GetValue(count);
            if (records is < 1 or > 1000)
            {
                throw new CliUsageException("--count must be from 1 to 1000.");
            }

            var backend = await context.BackendAsync(cancellationToken);
            var id = context.ParseResult.GetValue(tenant);
            var page = await backend.Storage.Audit.ReadAsync(id, context.ParseResult.GetValue(cursor), records, cancellationToken);
            var json = new JsonArray(page.Records.Select(record => (JsonNode)new JsonObject
            {
                ["id"] = record.Id,
                ["timestamp"] = record.Timestamp,
                ["action"] = record.Action,
                ["actor"] = record.Actor,
                ["outcome"] = record.Outcome,
                ["detail"] = record.Detail,
                ["requestId"] = record.RequestId,
            }).ToArray());
            context.Output.Result(new JsonObject { ["tenant"] = id.Value, ["records"] = json, ["nextCursor"] = page.NextCursor }, console =>
            {
                var table = new Table().AddColumns("Time", "Action", "Actor", "Outcome", "Detail");
                foreach (var record in page.Records)
                {
                    table.AddRow(
                        record.Timestamp.ToString("u", CultureInfo.InvariantCulture),
                        Markup.Escape(record.Action),
                        Markup.Escape(record.Actor),
                        Markup.Escape(record.Outcome),
                        Markup.Escape(record.Detail ?? string.Empty));
                }

                console.Write(table);
                if (page.Records.Count == records)
                {
                    console.MarkupLine("More: add --cursor " + Markup.Escape(page.NextCursor));
                }
            });
        });
        return command;
    }
}
