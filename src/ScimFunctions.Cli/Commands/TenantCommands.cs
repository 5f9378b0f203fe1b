using System.Globalization;
using ScimFunctions.Cli.Backend;
using ScimFunctions.Storage.Tenants;
using Spectre.Console;

namespace ScimFunctions.Cli.Commands;

/// <summary><c>tenant create|list|show|suspend|resume|delete|move|set-policy</c> over the stamp's tenant registry.</summary>
internal static class TenantCommands
{
    public static Command Build(CliContextFactory factory) =>
        new("tenant", "Create, inspect, suspend, resume, delete tenants and set their policies.")
        {
            Create(factory),
            List(factory),
            Show(factory),
            SetStatus(factory, "suspend", (backend, record, cancellationToken) => backend.Administration.SuspendAsync(record, backend.Call, cancellationToken), "Suspend a tenant: its identity providers get 401 until it is resumed."),
            SetStatus(factory, "resume", (backend, record, cancellationToken) => backend.Administration.ResumeAsync(record, backend.Call, cancellationToken), "Resume a suspended tenant."),
            Delete(factory),
            TenantMoveCommand.Build(factory),
            TenantPolicyCommand.Build(factory),
            TenantSchemaCommands.Build(factory),
        };

    private static Command Create(CliContextFactory factory)
    {
        var tenant = CliArguments.Tenant();
        var displayName = new Option<string?>("--display-name") { Description = "A name for people." };
        var isolation = new Option<TenantIsolation>("--isolation") { Description = "Pool (shared table, default), SiloTable or SiloAccount." };
        var tableName = new Option<string?>("--table-name") { Description = "For SiloTable/SiloAccount: the tenant's table." };
        var storageEndpoint = new Option<Uri?>("--storage-endpoint") { Description = "For SiloAccount: the tenant's table service endpoint.", CustomParser = CliArguments.ParseAbsoluteUri };
        var trial = CliArguments.Duration("--trial", "Make it a trial tenant that expires after this long");
        var command = new Command("create", "Create a tenant.") { tenant, displayName, isolation, tableName, storageEndpoint, trial };
        factory.SetAction(command, async (context, cancellationToken) =>
        {
            var backend = await context.BackendAsync(cancellationToken);
            var now = DateTimeOffset.UtcNow;
            var record = new TenantRecord
            {
                Id = context.ParseResult.GetValue(tenant),
                Created = now,
                DisplayName = context.ParseResult.GetValue(displayName),
                Isolation = context.ParseResult.GetValue(isolation),
                TableName = context.ParseResult.GetValue(tableName),
                StorageEndpoint = context.ParseResult.GetValue(storageEndpoint),
                Policy = context.ParseResult.GetValue(trial) is { } span ? TenantPolicy.Default with { ExpiresAt = now + span } : TenantPolicy.Default,
            };
            var created = await backend.Administration.CreateAsync(record, backend.Call, cancellationToken);
            context.Output.Result(TenantJson.Write(created), console =>
                console.MarkupLineInterpolated($"Created tenant [bold]{created.Id.Value}[/]. Next: scimctl token issue {created.Id.Value}"));
        });
        return command;
    }

    private static Command List(CliContextFactory factory)
    {
        var command = new Command("list", "List the stamp's tenants.");
        factory.SetAction(command, async (context, cancellationToken) =>
        {
            var backend = await context.BackendAsync(cancellationToken);
            var tenants = await backend.Registry.ListAsync(cancellationToken);
            context.Output.Result(new JsonObject { ["tenants"] = new JsonArray(tenants.Select(t => (JsonNode)TenantJson.Write(t)).ToArray()) }, console =>
            {
                var table = new Table().AddColumns("Tenant", "Status", "Created", "Display name", "Isolation");
                foreach (var t in tenants)
                {
                    table.AddRow(Markup.Escape(t.Id.Value), t.Status.ToString(), t.Created.ToString("u", CultureInfo.InvariantCulture), Markup.Escape(t.DisplayName ?? string.Empty), t.Isolation.ToString());
                }

                console.Write(table);
            });
        });
        return command;
    }

    private static Command Show(CliContextFactory factory)
    {
        var tenant = CliArguments.Tenant();
        var command = new Command("show", "Show a tenant: state (active, suspended, expired), policy, compatibility switches, live token count and why its requests were refused.") { tenant };
        factory.SetTenantAction(command, tenant, async (context, backend, record, cancellationToken) =>
        {
            var tokens = await backend.Issuer.ListAsync(record.Id, cancellationToken);
            var json = await backend.Storage.Refusals.DescribeAsync(record, DateTimeOffset.UtcNow, cancellationToken);
            json["liveTokens"] = tokens.Count(t => t.IsLive);
            context.Output.Result(json, console => console.Write(new Panel(new Text(json.ToJsonString(new() { WriteIndented = true }))).Header(Markup.Escape(record.Id.Value))));
        });
        return command;
    }

    private static Command SetStatus(CliContextFactory factory, string name, Func<CliBackend, TenantRecord, CancellationToken, Task<TenantRecord>> change, string description)
    {
        var tenant = CliArguments.Tenant();
        var command = new Command(name, description) { tenant };
        factory.SetTenantAction(command, tenant, async (context, backend, record, cancellationToken) =>
        {
            var updated = await change(backend, record, cancellationToken);
            context.Output.Result(TenantJson.Write(updated), console =>
                console.MarkupLineInterpolated($"Tenant [bold]{updated.Id.Value}[/] is now {updated.Status}."));
        });
        return command;
    }

    private static Command Delete(CliContextFactory factory)
    {
        var tenant = CliArguments.Tenant();
        var yes = new Option<bool>("--yes") { Description = "Confirm: the tenant's data and tokens are deleted for good." };
        var command = new Command("delete", "Delete a tenant with all its data and tokens.") { tenant, yes };
        factory.SetAction(command, async (context, cancellationToken) =>
        {
            var backend = await context.BackendAsync(cancellationToken);
            var id = context.ParseResult.GetValue(tenant);
            if (!context.ParseResult.GetValue(yes))
            {
                throw new CliUsageException($"Deleting '{id.Value}' removes all its users, groups and tokens; add --yes to confirm.");
            }

            await backend.RequireTenantAsync(id, cancellationToken);
            await backend.Administration.DeleteAsync(id, backend.Call, cancellationToken);
            context.Output.Result(new JsonObject { ["tenant"] = id.Value, ["deleted"] = true }, console =>
                console.MarkupLineInterpolated($"Deleted tenant [bold]{id.Value}[/], its data and its tokens."));
        });
        return command;
    }
}
