using System.Runtime.ExceptionServices;

namespace LiteBox.Ecs;

/// <summary>
/// A fixed set of background threads that, with the calling thread, run one
/// <see cref="WorkItem"/> at a time. Dispatch allocates nothing: each worker waits on its own
/// semaphore, and the last one to finish releases the semaphore the caller waits on (a
/// semaphore, not a ManualResetEventSlim, whose lock object is allocated by the first wait that
/// blocks, so a dispatch long after warm-up could still allocate).
/// </summary>
/// <remarks>The pool lives as long as the process: its threads are background threads and its
/// wait handles are never disposed.</remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "Process-lifetime pool.")]
internal sealed class WorkerPool
{
    [ThreadStatic]
    private static bool t_insideWork;

    private static readonly Lazy<WorkerPool> s_shared = new(() => new WorkerPool(Environment.ProcessorCount - 1));

    private readonly Lock _gate = new();
    private readonly SemaphoreSlim[] _wake;
    private readonly SemaphoreSlim _done = new(0);
    private WorkItem? _item;
    private int _pending;

    public WorkerPool(int workerCount)
    {
        workerCount = Math.Max(0, workerCount);
        _wake = new SemaphoreSlim[workerCount];
        for (int i = 0; i < workerCount; i++)
        {
            _wake[i] = new SemaphoreSlim(0);
            int worker = i + 1;
            var thread = new Thread(() => WorkerLoop(worker))
            {
                IsBackground = true,
                Name = $"LiteBox.Ecs worker {worker}",
            };
            thread.Start();
        }
    }

    /// <summary>The pool sized to the machine: one worker per core besides the caller.</summary>
    public static WorkerPool Shared => s_shared.Value;

    /// <summary>Threads that run a work item: the workers and the caller.</summary>
    public int Parallelism => _wake.Length + 1;

    /// <summary>Whether the current thread is running a work item; nested parallel work runs
    /// inline there rather than waiting on a pool that is busy with its parent.</summary>
    public static bool IsInsideWork => t_insideWork;

    /// <summary>Runs <paramref name="item"/> on every thread of the pool and returns when all are
    /// done, rethrowing the first exception any of them raised.</summary>
    public void Run(WorkItem item)
    {
        lock (_gate)
        {
            _item = item;
            _pending = _wake.Length;
            for (int i = 0; i < _wake.Length; i++)
            {
                _wake[i].Release();
            }

            Execute(item, 0);
            if (_wake.Length > 0)
            {
                _done.Wait();
            }

            _item = null;
        }

        item.RethrowIfFailed();
    }

    private static void Execute(WorkItem item, int worker)
    {
        t_insideWork = true;
        try
        {
            item.Execute(worker);
        }
        catch (Exception exception)
        {
            item.Fail(exception);
        }
        finally
        {
            t_insideWork = false;
        }
    }

    private void WorkerLoop(int worker)
    {
        var wake = _wake[worker - 1];
        while (true)
        {
            wake.Wait();
            Execute(_item!, worker);
            if (Interlocked.Decrement(ref _pending) == 0)
            {
                _done.Release();
            }
        }
    }
}

/// <summary>Work that every thread of a <see cref="WorkerPool"/> runs at once, sharing it out
/// among themselves.</summary>
internal abstract class WorkItem
{
    private ExceptionDispatchInfo? _failure;

    /// <summary>Does this thread's share; <paramref name="worker"/> is 0 for the caller.</summary>
    public abstract void Execute(int worker);

    /// <summary>Records the first failure and stops handing out work.</summary>
    public void Fail(Exception exception)
    {
        Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(exception), null);
        OnFailed();
    }

    public void RethrowIfFailed()
    {
        var failure = _failure;
        if (failure is not null)
        {
            _failure = null;
            failure.Throw();
        }
    }

    protected abstract void OnFailed();
}
