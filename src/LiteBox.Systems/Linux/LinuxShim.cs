using LiteBox.Core;
using LiteBox.Cpu;
using LiteBox.Ecs;
using LiteBox.Systems.Processes;
using LiteBox.Systems.Scheduling;

namespace LiteBox.Systems.Linux;

/// <summary>
/// The Linux system-call layer: decodes a7 and a0–a5 of a thread stopped at an ecall, runs the
/// call with Linux's semantics and errno values, writes the result to a0 and moves pc past the
/// ecall. Guest pointers go through the user-pointer checks: a bad one is EFAULT, never a host
/// exception. Unknown calls answer ENOSYS and are counted.
/// </summary>
internal sealed partial class LinuxShim(Simulation.Simulation simulation)
{
    private readonly byte[] _scratch = new byte[64 * 1024];

    /// <summary>Handles the pending system call of <paramref name="threadEntity"/>, if it is still
    /// a runnable thread with a call pending (an earlier call of the tick may have ended it).</summary>
    public void HandlePending(Entity threadEntity)
    {
        var world = simulation.World;
        if (!world.IsAlive(threadEntity))
        {
            return;
        }

        ref var thread = ref world.Get<LinuxThread>(threadEntity);
        if (thread.State != ThreadRunState.Runnable || thread.Pending != PendingWork.Syscall)
        {
            return;
        }

        ref var process = ref world.Get<LinuxProcess>(thread.Process);
        ref var hart = ref world.Get<HartState>(threadEntity);
        var memory = simulation.Memory.GetGuestMemory(process.AddressSpace);
        var call = new SyscallContext
        {
            Thread = threadEntity,
            Process = thread.Process,
            Pid = simulation.Registry.IdOf(thread.Process),
            Tid = thread.Tid,
            Memory = memory,
            Space = memory.Id,
            Descriptors = process.Descriptors,
            Number = (long)hart.GetX(17),
            A0 = hart.GetX(10),
            A1 = hart.GetX(11),
            A2 = hart.GetX(12),
            A3 = hart.GetX(13),
            A4 = hart.GetX(14),
            A5 = hart.GetX(15),
        };

        // A retry after an exclusive pipe wake-up gives back what was set aside for it however the
        // call ends (done, blocked again, failed), so the bytes left wake the next waiter.
        var pipeRetry = thread.PipeRetry;
        thread.PipeRetry = default;
        long moves = simulation.Scheduler.Moves;
        long result = Dispatch(ref call);
        simulation.Pipes.FinishRetry(pipeRetry);
        if (call.Blocked)
        {
            simulation.Options.Monitor?.OnSystemCallBlocked((int)call.Pid.Value, call.Tid, call.Number, simulation.Now);
            return; // counted when the retried call completes
        }

        simulation.Statistics.CountSystemCall(call.Number);
        simulation.Options.Monitor?.OnSystemCall((int)call.Pid.Value, call.Tid, call.Number, result, simulation.Now);
        if (simulation.Options.Strace is { } strace)
        {
            strace.WriteLine(FormatTrace(call, result));
        }

        if (call.Ended)
        {
            return;
        }

        if (call.Replaced)
        {
            ref var replaced = ref world.Get<LinuxThread>(threadEntity);
            replaced.Pending = PendingWork.None;
            replaced.SyscallProgress = 0;
            replaced.SyscallChecked = false;
            replaced.TimedOut = false;
            return;
        }

        // A call that moved threads (a sleep, an exit of others) may have moved this one too:
        // then its components are found again; otherwise the references taken above still hold.
        if (simulation.Scheduler.Moves != moves)
        {
            if (!world.IsAlive(threadEntity) || world.Get<LinuxThread>(threadEntity).State == ThreadRunState.Dead)
            {
                return;
            }

            thread = ref world.Get<LinuxThread>(threadEntity);
            hart = ref world.Get<HartState>(threadEntity);
        }

        hart.SetX(10, (ulong)result);
        hart.Pc += 4;
        thread.Pending = PendingWork.None;
        thread.SyscallProgress = 0;
        thread.SyscallChecked = false;
        thread.TimedOut = false;
        if (call.WaitForVforkChild)
        {
            simulation.Scheduler.Block(threadEntity, WaitKind.Vfork, Entity.Null);
        }
    }

    private static long Fail(Errno error) => -(long)error;

    private static string FormatTrace(in SyscallContext call, long result)
    {
        string value = result is < 0 and > -4096 ? $"-1 errno={-result} ({(Errno)(-result)})" : $"{result}";
        return $"{call.Pid.Value} {SyscallNumbers.NameOf(call.Number)}(0x{call.A0:x},0x{call.A1:x},0x{call.A2:x},0x{call.A3:x},0x{call.A4:x},0x{call.A5:x}) = {value}";
    }

    private long Dispatch(ref SyscallContext call) => call.Number switch
    {
        SyscallNumbers.Read => Read(ref call),
        SyscallNumbers.Write => Write(ref call),
        SyscallNumbers.Readv => VectoredIo(ref call, write: false),
        SyscallNumbers.Writev => VectoredIo(ref call, write: true),
        SyscallNumbers.Close => Close(ref call),
        SyscallNumbers.Dup => Dup(ref call),
        SyscallNumbers.Dup3 => Dup3(ref call),
        SyscallNumbers.Fcntl => Fcntl(ref call),
        SyscallNumbers.Ioctl => Ioctl(ref call),
        SyscallNumbers.Pipe2 => Pipe2(ref call),
        SyscallNumbers.Brk => Brk(ref call),
        SyscallNumbers.Mmap => Mmap(ref call),
        SyscallNumbers.Munmap => Result(simulation.Memory.Unmap(call.Space, call.A0, call.A1)),
        SyscallNumbers.Mprotect => Mprotect(ref call),
        SyscallNumbers.Mremap => Mremap(ref call),
        SyscallNumbers.Madvise => Madvise(ref call),
        SyscallNumbers.Exit => ExitThread(ref call),
        SyscallNumbers.ExitGroup => ExitGroup(ref call),
        SyscallNumbers.Getpid => call.Pid.Value,
        SyscallNumbers.Getppid => Getppid(ref call),
        SyscallNumbers.Gettid => call.Tid,
        SyscallNumbers.Getuid or SyscallNumbers.Geteuid or SyscallNumbers.Getgid or SyscallNumbers.Getegid => simulation.Options.UserId,
        SyscallNumbers.SetTidAddress => SetTidAddress(ref call),
        SyscallNumbers.SetRobustList => SetRobustList(ref call),
        SyscallNumbers.GetRobustList => GetRobustList(ref call),
        SyscallNumbers.Prlimit64 => Prlimit(ref call, (int)call.A1, call.A2, call.A3, call.A0),
        SyscallNumbers.Getrlimit => Prlimit(ref call, (int)call.A0, 0, call.A1, 0),
        SyscallNumbers.Setrlimit => Prlimit(ref call, (int)call.A0, call.A1, 0, 0),
        SyscallNumbers.Getrandom => Getrandom(ref call),
        SyscallNumbers.ClockGettime => ClockGettime(ref call),
        SyscallNumbers.ClockGetres => ClockGetres(ref call),
        SyscallNumbers.Gettimeofday => Gettimeofday(ref call),
        SyscallNumbers.Nanosleep => Sleep(ref call, clock: 1, absolute: false, request: call.A0),
        SyscallNumbers.ClockNanosleep => ClockNanosleep(ref call),
        SyscallNumbers.SchedYield => 0,
        SyscallNumbers.SchedGetaffinity => SchedGetaffinity(ref call),
        SyscallNumbers.Uname => Uname(ref call),
        SyscallNumbers.Sysinfo => Sysinfo(ref call),
        SyscallNumbers.Umask => Umask(ref call),
        SyscallNumbers.Prctl => Prctl(ref call),
        SyscallNumbers.Sendfile => Sendfile(ref call),
        SyscallNumbers.Clone => Clone(ref call),
        SyscallNumbers.Execve => Execve(ref call),
        SyscallNumbers.Execveat => Execveat(ref call),
        SyscallNumbers.Wait4 => Wait4(ref call),
        SyscallNumbers.Waitid => Waitid(ref call),
        SyscallNumbers.Getrusage => Getrusage(ref call),
        SyscallNumbers.Futex => Futex(ref call),
        SyscallNumbers.Ppoll => Ppoll(ref call),
        SyscallNumbers.Pselect6 => Pselect6(ref call),
        SyscallNumbers.Kill => Kill(ref call),
        SyscallNumbers.Tkill => Tkill(ref call, 0, (int)call.A0, (int)call.A1),
        SyscallNumbers.Tgkill => (int)call.A0 <= 0 ? Fail(Errno.EINVAL) : Tkill(ref call, (int)call.A0, (int)call.A1, (int)call.A2),
        SyscallNumbers.RtSigaction => RtSigaction(ref call),
        SyscallNumbers.RtSigprocmask => RtSigprocmask(ref call),
        SyscallNumbers.RtSigpending => RtSigpending(ref call),
        SyscallNumbers.RtSigsuspend => RtSigsuspend(ref call),
        SyscallNumbers.RtSigtimedwait => RtSigtimedwait(ref call),
        SyscallNumbers.RtSigreturn => RtSigreturn(ref call),
        SyscallNumbers.RtSigqueueinfo => SigqueueInfo(ref call, (int)call.A0, 0, (int)call.A1, call.A2),
        SyscallNumbers.RtTgsigqueueinfo => SigqueueInfo(ref call, (int)call.A0, (int)call.A1, (int)call.A2, call.A3),
        SyscallNumbers.Sigaltstack => Sigaltstack(ref call),
        SyscallNumbers.Setuid or SyscallNumbers.Setgid => SetIds(call.A0),
        SyscallNumbers.Setreuid or SyscallNumbers.Setregid => SetIds(call.A0, call.A1),
        SyscallNumbers.Setresuid or SyscallNumbers.Setresgid => SetIds(call.A0, call.A1, call.A2),
        SyscallNumbers.Getresuid or SyscallNumbers.Getresgid => GetResIds(ref call),
        SyscallNumbers.Getgroups => Groups(ref call, set: false),
        SyscallNumbers.Setgroups => Groups(ref call, set: true),
        SyscallNumbers.Setpgid => Setpgid(ref call),
        SyscallNumbers.Getpgid => Getpgid(ref call),
        SyscallNumbers.Getsid => Getsid(ref call),
        SyscallNumbers.Setsid => Setsid(ref call),

        // clone3: glibc falls back to clone on ENOSYS, and clone has every flag glibc uses.
        SyscallNumbers.Clone3 or SyscallNumbers.Rseq or SyscallNumbers.RiscvHwprobe => Fail(Errno.ENOSYS),
        _ => DispatchFiles(ref call),
    };

    private static long Result(Errno error) => error == Errno.None ? 0 : Fail(error);

    /// <summary>brk(2): a heap beyond the simulation's memory limit is refused (the break stays).</summary>
    private long Brk(ref SyscallContext call)
    {
        ulong current = simulation.Memory.GetBreak(call.Space);
        if (call.A0 > current && call.A0 - current > (ulong)simulation.Options.MemoryLimit)
        {
            return (long)current;
        }

        return (long)simulation.Memory.SetBreak(call.Space, call.A0);
    }
}
