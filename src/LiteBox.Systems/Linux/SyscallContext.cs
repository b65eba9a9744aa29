using LiteBox.Core.Memory;
using LiteBox.Core.Processes;
using LiteBox.Ecs;

namespace LiteBox.Systems.Linux;

/// <summary>One system call in progress: who made it, its arguments, and what becomes of the thread.</summary>
internal struct SyscallContext
{
    public Entity Thread;
    public Entity Process;
    public ProcessId Pid;
    public int Tid;
    public GuestMemory Memory;
    public AddressSpaceId Space;

    /// <summary>The process's descriptor-table entity.</summary>
    public Entity Descriptors;
    public long Number;
    public ulong A0;
    public ulong A1;
    public ulong A2;
    public ulong A3;
    public ulong A4;
    public ulong A5;

    /// <summary>Set when the call must wait: the thread is blocked and retries the call when woken.</summary>
    public bool Blocked;

    /// <summary>Set when the thread (or its process) ended: no result is written.</summary>
    public bool Ended;

    /// <summary>Set when the call replaced the thread's registers (execve, rt_sigreturn): no
    /// result is written and pc is left where the call put it.</summary>
    public bool Replaced;

    /// <summary>Set when the call completed but the thread then waits for a vfork child to exec
    /// or end before it runs on.</summary>
    public bool WaitForVforkChild;
}
