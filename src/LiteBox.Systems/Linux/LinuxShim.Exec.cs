using System.Text;
using LiteBox.Core;
using LiteBox.Core.Memory;
using LiteBox.Cpu;
using LiteBox.Ecs;
using LiteBox.Systems.Files;
using LiteBox.Systems.Loading;
using LiteBox.Systems.Processes;

namespace LiteBox.Systems.Linux;

// execve and execveat: a program from the run's root replaces the caller's. Everything that can
// fail (the path, the file, its format, loading it into a new address space) is done before the
// point of no return, so a failed exec leaves the caller as it was; past it, the other threads
// end, the old space is released (a vfork parent gets its space back and runs on), close-on-exec
// descriptors close, handlers reset, and the thread starts at the new entry point.
internal sealed partial class LinuxShim
{
    private const int ArgumentMax = 2 * 1024 * 1024;
    private const int ScriptLineMax = 256;
    private const int ScriptDepthMax = 4;
    private const long ExecutableSizeMax = 256L << 20;
    private const uint FileTypeMask = 0xF000;
    private const uint RegularFileType = 0x8000;

    private long Execve(ref SyscallContext call) => Exec(ref call, AtFdcwd, call.A0, call.A1, call.A2, 0);

    private long Execveat(ref SyscallContext call) => Exec(ref call, (int)call.A0, call.A1, call.A2, call.A3, (int)call.A4);

    private long Exec(ref SyscallContext call, int directoryFd, ulong pathAddress, ulong argvAddress, ulong envpAddress, int flags)
    {
        if ((flags & ~((int)AtOptions.EmptyPath | (int)AtOptions.SymlinkNoFollow)) != 0)
        {
            return Fail(Errno.EINVAL);
        }

        var error = ReadPath(call, pathAddress, out int length);
        if (error != Errno.None)
        {
            return Fail(error);
        }

        string path = Encoding.UTF8.GetString(_path, 0, length);
        var arguments = new List<string>();
        var environment = new List<string>();
        int total = 0;
        error = ReadStringVector(call, argvAddress, arguments, ref total);
        if (error == Errno.None)
        {
            error = ReadStringVector(call, envpAddress, environment, ref total);
        }

        if (error != Errno.None)
        {
            return Fail(error);
        }

        error = ResolveExecutable(ref call, directoryFd, path, flags, arguments, out var program, out var executable);
        if (error != Errno.None)
        {
            return Fail(error);
        }

        try
        {
            return Replace(ref call, path, arguments, environment, program, executable);
        }
        finally
        {
            simulation.Files.Release(executable);
        }
    }

    /// <summary>Reads a NULL-terminated array of string pointers (argv or envp).</summary>
    private static Errno ReadStringVector(in SyscallContext call, ulong address, List<string> strings, ref int total)
    {
        if (address == 0)
        {
            return Errno.None; // Linux takes a null argv or envp as empty
        }

        Span<byte> text = stackalloc byte[PathMax];
        for (int i = 0; ; i++)
        {
            if (call.Memory.ReadUInt64LittleEndian(new GuestAddress(address + (ulong)(8 * i)), out ulong pointer) != Errno.None)
            {
                return Errno.EFAULT;
            }

            if (pointer == 0)
            {
                return Errno.None;
            }

            var error = call.Memory.ReadCString(new GuestAddress(pointer), text, out int length);
            if (error == Errno.ENAMETOOLONG)
            {
                var large = new byte[ArgumentMax];
                error = call.Memory.ReadCString(new GuestAddress(pointer), large, out length);
                if (error != Errno.None)
                {
                    return error == Errno.ENAMETOOLONG ? Errno.E2BIG : error;
                }

                strings.Add(Encoding.UTF8.GetString(large, 0, length));
            }
            else if (error != Errno.None)
            {
                return error;
            }
            else
            {
                strings.Add(Encoding.UTF8.GetString(text[..length]));
            }

            total += length + 1 + 8;
            if (total > ArgumentMax)
            {
                return Errno.E2BIG;
            }
        }
    }

    /// <summary>Finds the program to run: the file at the path (or the dirfd itself with
    /// AT_EMPTY_PATH), which must be a regular file with an execute bit; a <c>#!</c> script
    /// becomes its interpreter, with the interpreter, its optional argument and the script's path
    /// put in front of argv[1..].</summary>
    private Errno ResolveExecutable(ref SyscallContext call, int directoryFd, string path, int flags, List<string> arguments,
        out (ElfImage File, MemoryObject Image) program, out Entity executable)
    {
        program = default;
        executable = Entity.Null;
        var files = simulation.Files;
        var context = simulation.World.Get<LinuxProcess>(call.Process).Files;
        string current = path;
        for (int depth = 0; ; depth++)
        {
            var error = OpenExecutable(ref call, context, depth == 0 ? directoryFd : AtFdcwd, current, depth == 0 ? flags : 0, out var handle);
            if (error != Errno.None)
            {
                return error;
            }

            error = ReadExecutable(handle, out byte[] contents, out var stat);
            if (error != Errno.None)
            {
                files.Release(handle);
                return error;
            }

            if (contents.Length >= 2 && contents[0] == '#' && contents[1] == '!')
            {
                files.Release(handle);
                if (depth == ScriptDepthMax)
                {
                    return Errno.ELOOP;
                }

                if (!ParseInterpreterLine(contents, out string interpreter, out string? argument))
                {
                    return Errno.ENOEXEC;
                }

                var prefix = new List<string> { interpreter };
                if (argument is not null)
                {
                    prefix.Add(argument);
                }

                prefix.Add(current);
                if (arguments.Count > 0)
                {
                    arguments.RemoveAt(0);
                }

                arguments.InsertRange(0, prefix);
                current = interpreter;
                continue;
            }

            var image = simulation.LoadGuestImage(stat, contents, out string reason);
            if (image is null)
            {
                files.Release(handle);
                return Errno.ENOEXEC;
            }

            if (simulation.Memory.Options.Kind == AddressSpaceKind.SharedMemory && !image.Value.File.IsPositionIndependent)
            {
                // A partition of one shared range cannot hold a program linked at fixed addresses.
                files.Release(handle);
                return Errno.ENOEXEC;
            }

            program = image.Value;
            executable = handle;
            return Errno.None;
        }
    }

    private Errno OpenExecutable(ref SyscallContext call, in FileContext context, int directoryFd, string path, int flags, out Entity handle)
    {
        handle = Entity.Null;
        OpenedFile opened;
        if (path.Length == 0)
        {
            if ((flags & (int)AtOptions.EmptyPath) == 0)
            {
                return Errno.ENOENT;
            }

            if (simulation.Descriptors.Get(call.Descriptors, directoryFd, out var info) != Errno.None)
            {
                return Errno.EBADF;
            }

            if (info.Target.Kind != Core.Descriptors.DescriptorKind.File)
            {
                return Errno.EACCES;
            }

            return simulation.Files.OpenForReading(info.Target.Handle, out handle);
        }

        var error = DirectoryOf(call, directoryFd, out var directory);
        if (error != Errno.None)
        {
            return error;
        }

        var options = OpenOptions.ReadOnly | ((flags & (int)AtOptions.SymlinkNoFollow) != 0 ? OpenOptions.NoFollow : 0);
        error = simulation.Files.Open(context, directory, Encoding.UTF8.GetBytes(path), options, 0, out opened);
        if (error == Errno.EISDIR)
        {
            return Errno.EACCES;
        }

        if (error != Errno.None)
        {
            return error;
        }

        handle = opened.Target.Handle;
        return Errno.None;
    }

    /// <summary>The whole of a regular, executable file.</summary>
    private Errno ReadExecutable(Entity handle, out byte[] contents, out LinuxStat stat)
    {
        contents = [];
        var files = simulation.Files;
        var error = files.Stat(handle, out stat);
        if (error != Errno.None)
        {
            return error;
        }

        if ((stat.Mode & FileTypeMask) != RegularFileType || (stat.Mode & 0x49) == 0)
        {
            return Errno.EACCES;
        }

        if (stat.Size > ExecutableSizeMax)
        {
            return Errno.ENOMEM;
        }

        if (simulation.HasGuestImage(stat))
        {
            return Errno.None; // this version of the file is loaded already: nothing to read
        }

        contents = new byte[stat.Size];
        int done = 0;
        while (done < contents.Length)
        {
            error = files.ReadAt(handle, contents.AsSpan(done), done, out int count);
            if (error != Errno.None)
            {
                return error;
            }

            if (count == 0)
            {
                Array.Resize(ref contents, done);
                break;
            }

            done += count;
        }

        return Errno.None;
    }

    /// <summary>Linux's binfmt_script: "#!", optional blanks, the interpreter up to a blank, and
    /// the rest of the line (trimmed) as one optional argument, all within the first 256 bytes.</summary>
    private static bool ParseInterpreterLine(byte[] contents, out string interpreter, out string? argument)
    {
        interpreter = string.Empty;
        argument = null;
        int end = Array.IndexOf(contents, (byte)'\n', 0, Math.Min(contents.Length, ScriptLineMax));
        if (end < 0)
        {
            if (contents.Length > ScriptLineMax)
            {
                return false;
            }

            end = contents.Length;
        }

        var line = Encoding.UTF8.GetString(contents, 2, end - 2).Trim(' ', '\t', '\r', '\0');
        if (line.Length == 0)
        {
            return false;
        }

        int blank = line.IndexOfAny([' ', '\t']);
        if (blank < 0)
        {
            interpreter = line;
            return true;
        }

        interpreter = line[..blank];
        string rest = line[blank..].Trim(' ', '\t');
        argument = rest.Length > 0 ? rest : null;
        return true;
    }

    /// <summary>Past the checks: loads the program into a fresh space (or the SharedMemory child's
    /// own partition), then commits.</summary>
    private long Replace(ref SyscallContext call, string path, List<string> arguments, List<string> environment,
        (ElfImage File, MemoryObject Image) program, Entity executable)
    {
        var world = simulation.World;
        var memory = simulation.Memory;
        var oldSpace = world.Get<LinuxProcess>(call.Process).AddressSpace;
        var random = new byte[16];
        simulation.Files.FillRandom(random);
        var start = new ProgramStart(path, arguments, environment, random, simulation.Options.UserId);

        // A SharedMemory child runs in its parent's partition until now: it gets one of its own.
        bool borrowed = !world.Get<LinuxProcess>(call.Process).SharesAddressSpace
            && memory.ReturnLentTable(memory.IdOf(oldSpace), childContinues: true) == AddressSpaceError.None;
        Entity newSpace;
        LoadedProgram loaded;
        if (borrowed)
        {
            simulation.DestroyReturnedTables();
            simulation.Control.EndOtherThreads(call.Process, call.Thread);
            newSpace = oldSpace;
            var error = ProgramLoader.Load(memory, memory.IdOf(newSpace), program.File, program.Image, start, out loaded);
            ReleaseVforkParent(ref call);
            if (error != Errno.None)
            {
                // Past the point of no return: Linux kills a process whose exec fails this late.
                simulation.Control.Kill(call.Process, Signals.LinuxSignals.SIGSEGV);
                call.Ended = true;
                return 0;
            }
        }
        else
        {
            var created = memory.Provider.CreateAddressSpace();
            if (!created.IsSuccess)
            {
                return Fail(Errno.ENOMEM);
            }

            var error = ProgramLoader.Load(memory, created.Value, program.File, program.Image, start, out loaded);
            if (error != Errno.None)
            {
                memory.Provider.DestroyAddressSpace(created.Value);
                return Fail(error);
            }

            // Past the point of no return. The other threads end first, while the old space
            // still holds their clear-child-tid words and robust lists.
            newSpace = memory.EntityOf(created.Value);
            simulation.Control.EndOtherThreads(call.Process, call.Thread);
            simulation.ReleaseAddressSpace(oldSpace);
            ReleaseVforkParent(ref call);
        }

        ref var process = ref world.Get<LinuxProcess>(call.Process);
        process.AddressSpace = newSpace;
        process.SharesAddressSpace = false;
        process.HasExecuted = true;
        process.StackLimit = Math.Max(process.StackLimit, ProgramLoader.StackSize);
        simulation.SignalActions.ResetHandlers(process.SignalActions);
        simulation.Descriptors.CloseOnExec(process.Descriptors);
        var files = process.Files;
        simulation.Files.SetExecutable(ref files, executable);
        world.Get<LinuxProcess>(call.Process).Files = files;

        ref var thread = ref world.Get<LinuxThread>(call.Thread);
        thread.AltStackBase = 0;
        thread.AltStackSize = 0;
        thread.AltStackFlags = 0;
        thread.HasSavedMask = false;
        thread.ClearChildTid = 0;
        thread.RobustList = 0;
        thread.Name = ThreadName.FromPath(path);
        ref var hart = ref world.Get<HartState>(call.Thread);
        hart = default;
        hart.Pc = loaded.Entry;
        hart.SetX(2, loaded.StackPointer);
        call.Replaced = true;
        return 0;
    }

    private void ReleaseVforkParent(ref SyscallContext call)
    {
        ref var process = ref simulation.World.Get<LinuxProcess>(call.Process);
        var parent = process.VforkParent;
        process.VforkParent = Entity.Null;
        if (parent != Entity.Null)
        {
            simulation.ReleaseVforkParent(parent);
        }
    }
}
