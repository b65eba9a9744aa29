namespace LiteBox.Cli.Commands;

/// <summary>
/// Ctrl-C during a sweep. The first lets the current run end and be written, then ends the sweep,
/// which keeps every run that was paid for; the second ends the current run as well, between two
/// ticks, and that run is not written (a resumed sweep runs it again); a third is the host's
/// default, ending litebox at once.
/// </summary>
public sealed class SweepInterrupt : IDisposable
{
    private readonly CancellationTokenSource _now = new();
    private volatile bool _stopRequested;

    /// <summary>Listens for Ctrl-C until disposed.</summary>
    public SweepInterrupt() => Console.CancelKeyPress += OnCancel;

    /// <summary>Whether Ctrl-C was pressed: no run is to start.</summary>
    public bool StopRequested => _stopRequested;

    /// <summary>Cancelled by a second Ctrl-C: the current run is to end now.</summary>
    public CancellationToken Now => _now.Token;

    /// <inheritdoc />
    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancel;
        _now.Dispose();
    }

    private void OnCancel(object? sender, ConsoleCancelEventArgs e)
    {
        if (!_stopRequested)
        {
            e.Cancel = true;
            _stopRequested = true;
            CommandOutput.Report("stopping once the current run is written; Ctrl-C again stops that run too");
        }
        else if (!_now.IsCancellationRequested)
        {
            e.Cancel = true;
            _now.Cancel();
        }
    }
}
