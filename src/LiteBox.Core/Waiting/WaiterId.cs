namespace LiteBox.Core.Waiting;

/// <summary>
/// Names something that can block in the OS core (a guest thread, as the shim numbers them) in
/// the wait queues of pipes and futexes. The core only stores and returns it; the tick's systems
/// turn a woken waiter back into a runnable thread.
/// </summary>
public readonly record struct WaiterId(long Value);
