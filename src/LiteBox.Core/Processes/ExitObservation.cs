namespace LiteBox.Core.Processes;

/// <summary>The component a process entity gets when someone asks for its exit observer: the
/// observer, made once and handed to every asker.</summary>
internal struct ExitObservation
{
    public ProcessExitObserver Observer;
}
