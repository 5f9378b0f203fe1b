using System.CommandLine;
using System.Diagnostics;
using ScimFunctions.LoadTool.Scale;

namespace ScimFunctions.LoadTool.Commands;

/// <summary>
/// <c>scimload seed</c>: fills a tenant with the scale population through the store into shard tables, for
/// <c>eng/scale-run.sh</c> to merge while Azurite is stopped (see <see cref="ShardTableSeeder"/>).
/// </summary>
internal static class SeedCommand
{
    public static Command Create()
    {
        var storage = new Option<string>("--storage-connection-string") { Description = "Azurite to seed (must be on disk: the merge rewrites its data folder).", Required = true };
        var users = new Option<int>("--users") { Required = true, Validators = { CommonOptions.Positive } };
        var tenant = new Option<string?>("--tenant") { Description = "Tenant id (default: scale-<users>, what 'scimload scale' looks for)." };
        var perTable = new Option<int>("--users-per-table") { Description = "Users per shard table (Azurite's insert cost grows with the partition).", DefaultValueFactory = _ => 2_500, Validators = { CommonOptions.Positive } };
        var concurrency = CommonOptions.Concurrency();
        var tablesFile = new Option<FileInfo?>("--tables-file") { Description = "Write the shard table names here, one per line, for the merge." };
        var command = new Command("seed", "Seed a large scale tenant into shard tables (then merge them with eng/azurite-merge-tables.js).")
        {
            storage, users, tenant, perTable, concurrency, tablesFile,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            var count = parse.GetValue(users);
            var options = new SeedOptions(
                parse.GetValue(tenant) ?? string.Create(CultureInfo.InvariantCulture, $"scale-{count}"),
                count,
                parse.GetValue(perTable),
                parse.GetValue(concurrency));
            var step = Math.Max(1, count / 10);
            var stopwatch = Stopwatch.StartNew();
            void Created(int done)
            {
                if (done % step == 0)
                {
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed {options.Tenant}: {done:N0}/{count:N0} users, {stopwatch.Elapsed.TotalSeconds:F0} s"));
                }
            }

            var tables = await ShardTableSeeder.SeedAsync(parse.GetRequiredValue(storage), options, Created, cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {count:N0} users of tenant {options.Tenant} into {tables.Count} shard tables in {stopwatch.Elapsed.TotalSeconds:F1} s"));
            if (parse.GetValue(tablesFile) is { } file)
            {
                await File.WriteAllLinesAsync(file.FullName, tables, cancellationToken);
            }

            return 0;
        });
        return command;
    }
}
