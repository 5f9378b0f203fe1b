using Microsoft.Extensions.Hosting;

namespace ScimFunctions.LoadTool.Hosting;

/// <summary>
/// The in-process host does not listen for Ctrl+C/SIGTERM itself (the default console lifetime would swallow the
/// signal and stop only the web host): the command line owns the process and cancels the whole run.
/// </summary>
internal sealed class ToolOwnedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
