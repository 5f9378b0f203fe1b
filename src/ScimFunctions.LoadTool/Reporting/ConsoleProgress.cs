using Spectre.Console;

namespace ScimFunctions.LoadTool.Reporting;

/// <summary>Runs work under a progress bar when the console is interactive, silently otherwise.</summary>
internal static class ConsoleProgress
{
    public static async Task<T> RunAsync<T>(bool wanted, Func<IRunObserver, Task<T>> work)
    {
        if (!wanted || Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            return await work(IRunObserver.Silent);
        }

        return await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(context => work(new SpectreProgressObserver(context)));
    }
}
