using System.CommandLine;
using ScimFunctions.LoadTool.Commands;

namespace ScimFunctions.LoadTool;

internal static class Program
{
    private static Task<int> Main(string[] args)
    {
        var root = new RootCommand("scimload: load, latency, storage-request and cost measurements for a SCIM 2.0 endpoint.")
        {
            RunCommand.Create(),
            ScaleCommand.Create(),
            SeedCommand.Create(),
        };
        return root.Parse(args).InvokeAsync();
    }
}
