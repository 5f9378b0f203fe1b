using Spectre.Console;

namespace ScimFunctions.LoadTool.Reporting;

/// <summary>A Spectre.Console progress bar per phase.</summary>
internal sealed class SpectreProgressObserver : IRunObserver
{
    private readonly ProgressContext _context;

    public SpectreProgressObserver(ProgressContext context) => _context = context;

    public IPhaseProgress PhaseStarted(Phase phase) => new PhaseProgress(_context.AddTask(Markup.Escape(phase.Name), maxValue: 1000), phase.Name);

    private sealed class PhaseProgress(ProgressTask task, string name) : IPhaseProgress
    {
        public void Report(double fraction, long requests)
        {
            task.Value = fraction * 1000;
            task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{name} ({requests} requests)"));
        }

        public void Completed()
        {
            task.Value = task.MaxValue;
            task.StopTask();
        }
    }
}
