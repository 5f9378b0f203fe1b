using System.CommandLine;

namespace ScimFunctions.Cli.Commands;

/// <summary><c>demo seed</c>.</summary>
internal static class DemoCommands
{
    public static Command Build(CliContextFactory factory)
    {
        _ = factory;
        return new Command("demo", "Demo data.");
    }
}
