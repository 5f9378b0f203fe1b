namespace ScimFunctions.Cli;

internal static class Program
{
    private static Task<int> Main(string[] args) => ScimCtl.RunAsync(args, Console.Out, Console.Error);
}
