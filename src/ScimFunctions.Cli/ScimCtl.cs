using System.CommandLine;
using ScimFunctions.Cli.Commands;

namespace ScimFunctions.Cli;

/// <summary>
/// <c>scimctl</c>: the operator's tool. Every command takes <c>--json</c> for machine-readable output and the
/// connection options (<see cref="GlobalOptions"/>). Exit codes: 0 success, 1 operation failed, 2 usage error.
/// </summary>
public static class ScimCtl
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        var root = BuildRootCommand(output, error);
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return await root.Parse(args).InvokeAsync(configuration, cancellationToken);
    }

    internal static RootCommand BuildRootCommand(TextWriter output, TextWriter error)
    {
        var factory = new CliContextFactory(output, error);
        var root = new RootCommand("scimctl: operate a ScimFunctions stamp (tenants, policies, tokens, users, demo data).");
        foreach (var option in GlobalOptions.All)
        {
            root.Options.Add(option);
        }

        root.Subcommands.Add(TenantCommands.Build(factory));
        root.Subcommands.Add(TokenCommands.Build(factory));
        root.Subcommands.Add(UserCommands.Build(factory));
        root.Subcommands.Add(DemoCommands.Build(factory));
        root.Subcommands.Add(AuditCommands.Build(factory));
        return root;
    }
}
