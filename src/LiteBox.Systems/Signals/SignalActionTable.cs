namespace LiteBox.Systems.Signals;

/// <summary>
/// Every process's signal dispositions, 64 per process, in one array of blocks; a process's
/// <c>LinuxProcess.SignalActions</c> is its block's number. Block 0 is every signal's default
/// and is never written: a process that never calls rt_sigaction needs no block, and fork copies
/// a block only when the parent has one. Blocks are reused.
/// </summary>
internal sealed class SignalActionTable
{
    private SignalAction[] _actions = new SignalAction[LinuxSignals.Count * 16];
    private int[] _free = new int[16];
    private int _freeCount;
    private int _blocks = 1;

    /// <summary>Blocks in use (not counting block 0).</summary>
    public int Count => _blocks - 1 - _freeCount;

    /// <summary>The disposition of <paramref name="signal"/> in block <paramref name="block"/>.</summary>
    public ref SignalAction Get(int block, int signal) => ref _actions[(block * LinuxSignals.Count) + signal - 1];

    /// <summary>A block for a process about to change a disposition: its own, or a fresh copy of the defaults.</summary>
    public int MakeWritable(int block) => block != 0 ? block : Allocate();

    /// <summary>A copy of <paramref name="block"/> for a forked child (0 stays 0).</summary>
    public int Copy(int block)
    {
        if (block == 0)
        {
            return 0;
        }

        int copy = Allocate();
        _actions.AsSpan(block * LinuxSignals.Count, LinuxSignals.Count).CopyTo(_actions.AsSpan(copy * LinuxSignals.Count, LinuxSignals.Count));
        return copy;
    }

    /// <summary>execve: handlers go back to the default; ignored signals stay ignored.</summary>
    public void ResetHandlers(int block)
    {
        if (block == 0)
        {
            return;
        }

        var actions = _actions.AsSpan(block * LinuxSignals.Count, LinuxSignals.Count);
        for (int i = 0; i < actions.Length; i++)
        {
            if (actions[i].Handler != LinuxSignals.IgnoreHandler)
            {
                actions[i] = default;
            }
            else
            {
                actions[i].Flags = 0;
                actions[i].Mask = 0;
            }
        }
    }

    /// <summary>Gives a block back when its process ends.</summary>
    public void Release(int block)
    {
        if (block == 0)
        {
            return;
        }

        if (_freeCount == _free.Length)
        {
            Array.Resize(ref _free, _freeCount * 2);
        }

        _free[_freeCount++] = block;
    }

    private int Allocate()
    {
        int block;
        if (_freeCount > 0)
        {
            block = _free[--_freeCount];
        }
        else
        {
            block = _blocks++;
            if (_blocks * LinuxSignals.Count > _actions.Length)
            {
                Array.Resize(ref _actions, _actions.Length * 2);
            }
        }

        _actions.AsSpan(block * LinuxSignals.Count, LinuxSignals.Count).Clear();
        return block;
    }
}
