using System.CommandLine;

namespace ScimFunctions.Cli.Commands;

/// <summary><c>users import|export</c>.</summary>
internal static class UserCommands
{
    public static Command Build(CliContextFactory factory)
    {
        _ = factory;
        return new Command("users", "Import users from CSV and export them.");
    }
}
