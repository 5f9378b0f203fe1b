namespace ScimFunctions.LoadTool.Running;

/// <summary>Sees phases start and progress (the progress bar); <see cref="Silent"/> sees nothing.</summary>
internal interface IRunObserver
{
    IPhaseProgress PhaseStarted(Phase phase);

    public static IRunObserver Silent { get; } = new SilentObserver();

    private sealed class SilentObserver : IRunObserver, IPhaseProgress
    {
        public IPhaseProgress PhaseStarted(Phase phase) => this;

        public void Report(double fraction, long requests)
        {
        }

        public void Completed()
        {
        }
    }
}

/// <summary>Progress of one phase.</summary>
internal interface IPhaseProgress
{
    /// <summary><paramref name="fraction"/> in [0, 1] of the items or of the duration; <paramref name="requests"/> sent so far.</summary>
    void Report(double fraction, long requests);

    void Completed();
}
