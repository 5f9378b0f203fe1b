using System.Collections.Concurrent;
using System.Text.Json;
using ScimFunctions.Cli.Csv;
using ScimFunctions.Core.Errors;
using ScimFunctions.Core.Filters;
using ScimFunctions.Core.Paging;
using ScimFunctions.Core.Patch;
using ScimFunctions.Core.Resources;
using ScimFunctions.Core.Schemas;
using ScimFunctions.Storage.Abstractions;
using ScimFunctions.Storage.Tenants;
using Spectre.Console;

namespace ScimFunctions.Cli.Commands;

/// <summary>
/// <c>users import|export</c>: CSV in the column format of <see cref="UserCsv"/>, through the tenant's store and the
/// protocol core's validation, so an imported user is exactly what a POST would have created.
/// </summary>
internal static class UserCommands
{
    private const int ExportPageSize = 500;

    public static Command Build(CliContextFactory factory) =>
        new("users", "Import users from CSV and export them.") { Import(factory), Export(factory) };

    private static Command Import(CliContextFactory factory)
    {
        var tenant = CliArguments.Tenant();
        var file = new Argument<FileInfo>("csv") { Description = "CSV file; the header names SCIM attribute paths (userName, name.givenName, emails[type eq \"work\"].value, …)." };
        var parallelism = new Option<int>("--parallelism") { Description = "Users created at once.", DefaultValueFactory = _ => 8 };
        var upsert = new Option<bool>("--upsert") { Description = "A user whose userName exists already is updated (the file's attributes replace the stored ones, under its ETag) instead of failing with 409." };
        var command = new Command("import", "Create the users of a CSV file; rows that fail are reported and the rest still imported.") { tenant, file, parallelism, upsert };
        factory.SetTenantAction(command, tenant, async (context, backend, record, cancellationToken) =>
        {
            var text = await File.ReadAllTextAsync(context.ParseResult.GetValue(file)!.FullName, cancellationToken);
            var (header, rows) = ReadCsv(text);
            var userType = TenantSchemas.For(record).User;
            var store = await backend.Stores.GetStoreAsync(record.Id, cancellationToken);
            var writeContext = backend.WriteContext;
            var errors = new ConcurrentBag<JsonObject>();
            var imported = 0;
            var updated = 0;
            var unchanged = 0;
            var upserting = context.ParseResult.GetValue(upsert);

            void Fail(int line, ScimException ex) =>
                errors.Add(new JsonObject { ["line"] = line, ["status"] = ex.Status, ["scimType"] = ex.ScimType?.Value, ["detail"] = ex.Detail });

            // Rows are validated and checked for repeated userNames (case-insensitive, as the store compares them) before
            // any write, so the first row of a userName always wins whatever order the parallel creates finish in.
            var firstLineOfUserName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            var valid = new List<(int Line, JsonObject User)>(rows.Count);
            foreach (var row in rows)
            {
                try
                {
                    var user = UserCsv.ToUser(header, row.Fields, userType, record.Compatibility);
                    var userName = (string)user["userName"]!;
                    if (firstLineOfUserName.TryGetValue(userName, out var firstLine))
                    {
                        throw ScimException.Conflict($"userName '{userName}' is also on line {firstLine} of this file.");
                    }

                    firstLineOfUserName.Add(userName, row.Line);
                    valid.Add((row.Line, user));
                }
                catch (ScimException ex)
                {
                    Fail(row.Line, ex);
                }
            }

            async Task ImportAllAsync(Action advance)
            {
                for (var i = 0; i < errors.Count; i++)
                {
                    advance();
                }

                var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, context.ParseResult.GetValue(parallelism)), CancellationToken = cancellationToken };
                await Parallel.ForEachAsync(valid, options, async (row, ct) =>
                {
                    try
                    {
                        await store.CreateAsync(userType, row.User, writeContext, ct);
                        Interlocked.Increment(ref imported);
                    }
                    catch (ScimException ex) when (ex.Status == 409 && upserting)
                    {
                        try
                        {
                            if (await UpdateExistingAsync(store, userType, row.User, record.Compatibility, writeContext, ct))
                            {
                                Interlocked.Increment(ref updated);
                            }
                            else
                            {
                                Interlocked.Increment(ref unchanged);
                            }
                        }
                        catch (ScimException updateError)
                        {
                            Fail(row.Line, updateError);
                        }
                    }
                    catch (ScimException ex)
                    {
                        Fail(row.Line, ex);
                    }

                    advance();
                });
            }

            if (context.Output.IsJson)
            {
                await ImportAllAsync(() => { });
            }
            else if (context.Output.CanDrawProgress)
            {
                await context.Output.Console.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                    .StartAsync(async progress =>
                    {
                        var task = progress.AddTask($"Importing {rows.Count} users into {record.Id.Value}", maxValue: rows.Count);
                        await ImportAllAsync(() => task.Increment(1));
                    });
            }
            else
            {
                var lines = context.Output.ProgressLines("users", rows.Count);
                await ImportAllAsync(lines.Advance);
            }

            var sortedErrors = errors.OrderBy(error => (int)error["line"]!).ToList();
            context.Output.Result(
                new JsonObject { ["tenant"] = record.Id.Value, ["imported"] = imported, ["updated"] = updated, ["unchanged"] = unchanged, ["failed"] = sortedErrors.Count, ["errors"] = new JsonArray([.. sortedErrors]) },
                console =>
                {
                    console.MarkupLineInterpolated($"Imported [bold]{imported}[/] of {rows.Count} users into [bold]{record.Id.Value}[/].");
                    if (upserting)
                    {
                        console.MarkupLineInterpolated($"Updated {updated}, unchanged {unchanged}.");
                    }

                    foreach (var error in sortedErrors)
                    {
                        console.MarkupLineInterpolated($"[red]line {(int)error["line"]!}[/]: {(int)error["status"]!} {(string?)error["detail"]}");
                    }
                });
            return sortedErrors.Count == 0 ? CliContextFactory.Success : CliContextFactory.Failed;
        });
        return command;
    }

    private static Command Export(CliContextFactory factory)
    {
        var tenant = CliArguments.Tenant();
        var output = new Option<FileInfo?>("--output") { Description = "Write the CSV to this file (default: standard output; with --json the users are written as JSON)." };
        var command = new Command("export", "Export a tenant's users as CSV (or JSON with --json).") { tenant, output };
        factory.SetTenantAction(command, tenant, async (context, backend, record, cancellationToken) =>
        {
            var userType = TenantSchemas.For(record).User;
            var store = await backend.Stores.GetStoreAsync(record.Id, cancellationToken);
            var file = context.ParseResult.GetValue(output);
            List<JsonObject> users;
            if (context.Output.IsJson)
            {
                users = await ReadAllAsync(store, userType, (_, _) => { }, cancellationToken);
            }
            else if (file is not null && context.Output.CanDrawProgress)
            {
                // A live bar only when the CSV goes to a file: on standard output it would be drawn into the CSV.
                users = [];
                await context.Output.Console.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                    .StartAsync(async progress =>
                    {
                        var task = progress.AddTask($"Exporting the users of {record.Id.Value}", maxValue: 1);
                        users = await ReadAllAsync(store, userType, (read, total) => (task.MaxValue, task.Value) = (Math.Max(1, total), read), cancellationToken);
                    });
            }
            else
            {
                // Plain lines on standard error (count, rate, ETA), so a CSV on standard output stays clean.
                Output.ProgressLines? lines = null;
                var reported = 0;
                users = await ReadAllAsync(store, userType, (read, total) =>
                {
                    lines ??= context.Output.ProgressLines("users", (int)Math.Min(total, int.MaxValue));
                    lines.Advance(read - reported);
                    reported = read;
                }, cancellationToken);
            }

            if (file is not null)
            {
                await using var writer = new StreamWriter(file.FullName, append: false, new System.Text.UTF8Encoding(false));
                await WriteCsvAsync(writer, users);
            }

            if (context.Output.IsJson)
            {
                var json = new JsonObject { ["tenant"] = record.Id.Value, ["totalResults"] = users.Count };
                if (file is null)
                {
                    json["Resources"] = new JsonArray([.. users.Select(user => user.DeepClone())]);
                }
                else
                {
                    json["output"] = file.FullName;
                }

                context.Output.Result(json, _ => { });
            }
            else if (file is null)
            {
                await WriteCsvAsync(context.Output.Writer, users);
            }
            else
            {
                context.Output.Console.MarkupLineInterpolated($"Exported [bold]{users.Count}[/] users of [bold]{record.Id.Value}[/] to {file.FullName}.");
            }
        });
        return command;
    }

    private static (IReadOnlyList<string> Header, IReadOnlyList<(int Line, IReadOnlyList<string> Fields)> Rows) ReadCsv(string text)
    {
        List<(int Line, IReadOnlyList<string> Fields)> records;
        try
        {
            records = CsvReader.Parse(text).ToList();
        }
        catch (FormatException ex)
        {
            throw new CliUsageException("The CSV file is malformed: " + ex.Message);
        }

        if (records.Count == 0 || !records[0].Fields.Any(column => column.Equals("userName", StringComparison.OrdinalIgnoreCase)))
        {
            throw new CliUsageException("The CSV file needs a header row with a userName column.");
        }

        return (records[0].Fields.Select(column => column.Trim()).ToList(), records.Skip(1).ToList());
    }

    /// <summary>Every user of the tenant, page by page; <paramref name="progress"/> gets (users read, total) after each page.</summary>
    private static async Task<List<JsonObject>> ReadAllAsync(ITenantScimStore store, Core.Schemas.ResourceTypeDefinition userType, Action<int, long> progress, CancellationToken cancellationToken)
    {
        var users = new List<JsonObject>();
        while (true)
        {
            var query = new ScimQuery(null, AttributeSelection.Default, null, new PageRequest(users.Count + 1, ExportPageSize, null));
            var page = await store.QueryAsync(userType, query, cancellationToken);
            users.AddRange(page.Resources.Select(resource => resource.Resource));
            progress(users.Count, Math.Max(page.TotalResults, users.Count));
            if (page.Resources.Count == 0 || users.Count >= page.TotalResults)
            {
                return users;
            }
        }
    }

    private static async Task WriteCsvAsync(TextWriter writer, IReadOnlyList<JsonObject> users)
    {
        var flattened = users.Select(UserCsv.Flatten).ToList();
        var columns = flattened.SelectMany(cells => cells.Select(cell => cell.Key))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(column => column == "userName" ? 0 : column == "id" ? 1 : 2)
            .ToList();
        await CsvWriter.WriteRecordAsync(writer, columns);
        foreach (var cells in flattened)
        {
            var byColumn = cells.GroupBy(cell => cell.Key, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.First().Value, StringComparer.Ordinal);
            await CsvWriter.WriteRecordAsync(writer, columns.Select(column => byColumn.GetValueOrDefault(column)));
        }

        await writer.FlushAsync();
    }

    /// <summary>
    /// --upsert: the stored user with the row's userName gets the row's attributes (one PATCH replace of them, so
    /// attributes the file does not have stay), under the ETag read with it; a concurrent change is re-read and
    /// retried. False when the stored user already has every value of the row (nothing written).
    /// </summary>
    private static async Task<bool> UpdateExistingAsync(ITenantScimStore store, ResourceTypeDefinition userType, JsonObject user, CompatibilityOptions compatibility, WriteContext writeContext, CancellationToken cancellationToken)
    {
        var filter = ScimFilter.Parse($"userName eq {JsonSerializer.Serialize((string)user["userName"]!)}");
        for (var attempt = 1; ; attempt++)
        {
            var found = await store.QueryAsync(userType, new ScimQuery(filter, AttributeSelection.Default, null, new PageRequest(1, 1, null)), cancellationToken);
            var existing = found.Resources.Count > 0 ? found.Resources[0] : throw ScimException.Conflict("The userName is taken but its user could not be read; retry the import.");
            var values = user.Where(pair => pair.Key != "schemas").ToList();
            if (values.All(pair => JsonNode.DeepEquals(pair.Value, existing.Resource[pair.Key])))
            {
                return false;
            }

            var patch = new JsonObject
            {
                ["schemas"] = new JsonArray(ScimSchemaUrns.PatchOp),
                ["Operations"] = new JsonArray(new JsonObject { ["op"] = "replace", ["value"] = new JsonObject(values.Select(pair => KeyValuePair.Create(pair.Key, pair.Value?.DeepClone()))) }),
            };
            try
            {
                await store.PatchAsync(userType, existing.Id, PatchRequest.Parse(patch, compatibility), compatibility, existing.Version, writeContext, cancellationToken);
                return true;
            }
            catch (ScimException ex) when (ex.Status == 412 && attempt < 3)
            {
            }
        }
    }
}
