using ScimFunctions.Cli.Commands;
using ScimFunctions.Cli.Output;

namespace ScimFunctions.Cli;

/// <summary>
/// <c>scimctl</c>: the operator's tool. Every command takes <c>--json</c> for machine-readable output and the
/// connection options (<see cref="GlobalOptions"/>). Exit codes: 0 success, 1 operation failed, 2 usage error.
/// Whatever fails (bad input, malformed stored data, an unreachable service) prints one line, never a stack trace.
/// </summary>
public static class ScimCtl
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(error);
        var root = BuildRootCommand(output, error);
        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        try
        {
            return await root.Parse(args).InvokeAsync(configuration, cancellationToken);
        }
#pragma warning disable CA1031 // Commands report their own failures; this catches what escapes parsing, as one line.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await error.WriteLineAsync("error: " + CliOutput.Describe(ex));
            return CliContextFactory.Failed;
        }
    }

    internal static RootCommand BuildRootCommand(TextWriter output, TextWriter error)
    {
        var factory = new CliContextFactory(output, error);
        var root = new RootCommand("scimctl: operate a ScimFunctions stamp (tenants, policies, tokens, users, demo data, maintenance).");
        foreach (var option in GlobalOptions.All)
        {
            root.Options.Add(option);
        }

        root.Subcommands.Add(TenantCommands.Build(factory));
        root.Subcommands.Add(TokenCommands.Build(factory));
        root.Subcommands.Add(UserCommands.Build(factory));
        root.Subcommands.Add(DemoCommands.Build(factory));
        root.Subcommands.Add(MaintenanceCommands.Build(factory));
        root.Subcommands.Add(AuditCommands.Build(factory));
        root.Subcommands.Add(WebhookCommands.Build(factory));
        return root;
    }
}
