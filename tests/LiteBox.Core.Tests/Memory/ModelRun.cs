using LiteBox.Core.Memory;
using LiteBox.Cpu;
using static LiteBox.Core.Tests.MemoryKit;

namespace LiteBox.Core.Tests;

/// <summary>
/// Drives a memory manager with random operations over several spaces and checks every result,
/// every read and every error code against <see cref="ModelTable"/>s, which state Linux's rules
/// directly on pages. SharedMemory forks run the child for a while and return (or destroy) it
/// before the parent is used again.
/// </summary>
internal sealed class ModelRun : IDisposable
{
    private const int WindowPages = 48;
    private const int PartitionCount = 6;
    private const int MaximumSpaces = 5;

    private static readonly Protection[] s_protections =
    [
        ReadWrite, ReadWrite, ReadWrite, Protection.Read, Protection.Read, Protection.None, Protection.Write,
        ReadExecute, Protection.Execute, Protection.All,
    ];

    private readonly AddressSpaceKind _kind;
    private readonly int _seed;
    private readonly Random _random;
    private readonly MemoryManager _system;
    private readonly ModelObjects _objects;
    private readonly MemoryObject _image;
    private readonly MemoryObject _sharedMemory;
    private readonly List<ModelSpace> _spaces = [];
    private readonly List<(AddressSpaceId Id, GuestMemory Memory)> _destroyed = [];
    private readonly Queue<string> _log = new();
    private readonly Dictionary<string, (int Succeeded, int Failed)> _outcomes = [];
    private ModelSpace? _lentChild;
    private int _sessionLeft;
    private int _step;

    public ModelRun(AddressSpaceKind kind, int seed)
    {
        _kind = kind;
        _seed = seed;
        _random = new Random(seed);
        _system = new MemoryManager(new MemoryOptions { Kind = kind, PartitionCount = PartitionCount });
        var image = new byte[(3 * (int)Page) + 1000];
        _random.NextBytes(image);
        _objects = new ModelObjects(image);
        _image = _system.CreateImage(image);
        _sharedMemory = _system.CreateSharedMemory();
        CreateSpace();
        CreateSpace();
    }

    /// <summary>How often each kind of operation succeeded and failed: proof the run covered both.</summary>
    public IReadOnlyDictionary<string, (int Succeeded, int Failed)> Outcomes => _outcomes;

    public void Dispose() => _system.Dispose();

    public void Run(int steps)
    {
        for (_step = 0; _step < steps; _step++)
        {
            Step();
            if (_step % 64 == 63)
            {
                CheckEverything();
            }
        }

        CheckEverything();
    }

    /// <summary>Returns any lent table, destroys every space, releases the objects, and checks
    /// that nothing is left.</summary>
    public void DestroyEverythingAndAudit()
    {
        if (_lentChild is not null)
        {
            EndSession(forceReturn: true);
        }

        foreach (var space in _spaces)
        {
            Expect(_system.Provider.DestroyAddressSpace(space.Id), AddressSpaceError.None, "final destroy");
        }

        _spaces.Clear();
        _system.ReleaseObject(_image);
        _system.ReleaseObject(_sharedMemory);
        AssertNoLeaks(_system);
    }

    private void Step()
    {
        if (_lentChild is not null)
        {
            if (--_sessionLeft <= 0)
            {
                EndSession(forceReturn: false);
                return;
            }

            int roll = _random.Next(100);
            if (roll < 4)
            {
                ForbiddenWhileLent();
            }
            else if (roll < 20 && _spaces.Count > 2)
            {
                var other = _spaces.Where(s => s != _lentChild && s != _lentChild.LentFrom).ToList();
                SpaceOperation(other[_random.Next(other.Count)]);
            }
            else
            {
                SpaceOperation(_lentChild);
            }

            return;
        }

        int pick = _random.Next(100);
        var space = _spaces[_random.Next(_spaces.Count)];
        if (pick < 3)
        {
            Fork(space);
        }
        else if (pick < 5)
        {
            Destroy(space);
        }
        else if (pick < 7)
        {
            CreateSpace();
        }
        else if (pick < 8)
        {
            StaleUse();
        }
        else
        {
            SpaceOperation(space);
        }
    }

    private void SpaceOperation(ModelSpace space)
    {
        int pick = _random.Next(100);
        if (pick < 22)
        {
            Write(space);
        }
        else if (pick < 40)
        {
            Read(space);
        }
        else if (pick < 54)
        {
            Map(space);
        }
        else if (pick < 62)
        {
            Unmap(space);
        }
        else if (pick < 71)
        {
            Protect(space);
        }
        else if (pick < 77)
        {
            DontNeed(space);
        }
        else if (pick < 89)
        {
            Remap(space);
        }
        else if (pick < 95)
        {
            Break(space);
        }
        else
        {
            ResolveFault(space);
        }
    }

    // ----- choosing arguments -----

    private ulong PickPage(ModelSpace space, int mappedPercent = 50)
    {
        if (space.Table.Pages.Count > 0 && _random.Next(100) < mappedPercent)
        {
            return space.Table.Pages.Keys.ElementAt(_random.Next(space.Table.Pages.Count));
        }

        return space.Window + ((ulong)_random.Next(WindowPages) * Page);
    }

    private ulong PickLength(int maximumPages)
    {
        ulong length = (ulong)_random.Next(1, maximumPages + 1) * Page;
        return _random.Next(4) == 0 ? length - (ulong)_random.Next((int)Page) : length;
    }

    private ulong MaybeMisalign(ulong address) => _random.Next(25) == 0 ? address + 8 : address;

    private Protection PickProtection() => s_protections[_random.Next(s_protections.Length)];

    private static ulong RoundUp(ulong length) => (length + Page - 1) & ~(Page - 1);

    // ----- operations -----

    private void Write(ModelSpace space)
    {
        ulong address = PickPage(space) + (ulong)_random.Next((int)Page);
        int length = _random.Next(8) == 0 ? _random.Next(1, (2 * (int)Page) + 200) : _random.Next(1, 40);
        var data = new byte[length];
        _random.NextBytes(data);
        bool allowed = true;
        for (ulong page = address & ~(Page - 1); page < address + (ulong)length; page += Page)
        {
            allowed &= space.Table.At(page)?.IsWritable == true;
        }

        Log($"write {space.Id} 0x{address:x} +{length}");
        Count("write", allowed);
        Expect(_system.Memory(space.Id).Write(new GuestAddress(address), data), allowed ? Errno.None : Errno.EFAULT, "write");
        if (allowed)
        {
            for (int i = 0; i < length; i++)
            {
                ulong at = address + (ulong)i;
                _objects.Write(space.Table.Pages[at & ~(Page - 1)], (int)(at & (Page - 1)), data[i]);
            }

            return;
        }

        // The range is checked page by page before any byte is copied: the writable pages before
        // the bad one were made writable (copy-on-write broken) though nothing was written.
        for (ulong page = address & ~(Page - 1); space.Table.At(page) is { IsWritable: true } entry; page += Page)
        {
            if (entry.Kind != MappingKind.SharedObject)
            {
                entry.Private ??= (byte[])_objects.Contents(entry).Clone();
            }
        }
    }

    private void Read(ModelSpace space)
    {
        ulong address = PickPage(space) + (ulong)_random.Next((int)Page);
        int length = _random.Next(8) == 0 ? _random.Next(1, (2 * (int)Page) + 200) : _random.Next(1, 40);
        bool allowed = true;
        for (ulong page = address & ~(Page - 1); page < address + (ulong)length; page += Page)
        {
            allowed &= space.Table.At(page)?.IsReadable == true;
        }

        Log($"read {space.Id} 0x{address:x} +{length}");
        Count("read", allowed);
        var buffer = new byte[length];
        Expect(_system.Memory(space.Id).Read(new GuestAddress(address), buffer), allowed ? Errno.None : Errno.EFAULT, "read");
        if (allowed)
        {
            for (int i = 0; i < length; i++)
            {
                ulong at = address + (ulong)i;
                byte expected = _objects.Read(space.Table.Pages[at & ~(Page - 1)], (int)(at & (Page - 1)));
                if (buffer[i] != expected)
                {
                    Fail($"read 0x{at:x}: {buffer[i]} but the model says {expected}");
                }
            }
        }
    }

    private void Map(ModelSpace space)
    {
        var table = space.Table;
        int backingKind = _random.Next(100);
        MemoryObject? backing = null;
        MapFlags flags = MapFlags.Private;
        int obj = -1;
        var kind = MappingKind.PrivateAnonymous;
        if (backingKind >= 45 && backingKind < 60)
        {
            flags = MapFlags.Shared;
            kind = MappingKind.SharedObject;
        }
        else if (backingKind >= 60)
        {
            bool image = backingKind < 80;
            bool shared = backingKind < 65 || backingKind >= 88;
            backing = image ? _image : _sharedMemory;
            obj = image ? ModelObjects.Image : ModelObjects.SharedMemory;
            flags = shared ? MapFlags.Shared : MapFlags.Private;
            kind = shared ? MappingKind.SharedObject : MappingKind.PrivateObject;
        }

        var protection = PickProtection();
        ulong length = PickLength(8);
        ulong size = RoundUp(length);
        ulong offset = backing is null ? 0 : (ulong)_random.Next(5) * Page;
        if (backing is not null && _random.Next(30) == 0)
        {
            offset += 100;
        }

        int placement = _random.Next(100);
        ulong address = PickPage(space);
        if (placement < 55)
        {
            flags |= MapFlags.Fixed;
            address = MaybeMisalign(address);
        }
        else if (placement < 70)
        {
            flags |= MapFlags.FixedNoReplace;
            address = MaybeMisalign(address);
        }
        else if (placement < 75)
        {
            address = 0;
        }
        else if (_random.Next(3) == 0)
        {
            address += (ulong)_random.Next((int)Page);
        }

        bool fixedPlacement = (flags & (MapFlags.Fixed | MapFlags.FixedNoReplace)) != 0;
        Errno expected = Errno.None;
        if ((offset & (Page - 1)) != 0 || (fixedPlacement && (address & (Page - 1)) != 0))
        {
            expected = Errno.EINVAL;
        }
        else if ((flags & MapFlags.FixedNoReplace) != 0 && table.AnyMapped(address, address + size))
        {
            expected = Errno.EEXIST;
        }
        else if (obj == ModelObjects.Image && kind == MappingKind.SharedObject && (protection & Protection.Write) != 0)
        {
            expected = Errno.EACCES;
        }

        Log($"map {space.Id} 0x{address:x} +0x{length:x} {protection} {flags} {kind} obj {obj} off 0x{offset:x}");
        var error = _system.Map(space.Id, address, length, protection, flags, out ulong mapped, backing, offset);
        Count("mmap", error == Errno.None);
        Expect(error, expected, "map");
        if (error != Errno.None)
        {
            return;
        }

        if (fixedPlacement)
        {
            Check(mapped == address, $"fixed map placed at 0x{mapped:x}");
        }
        else
        {
            ulong hint = address & ~(Page - 1);
            bool hintUsable = hint != 0 && hint >= table.Range.Start && hint + size <= table.Range.End && !table.AnyMapped(hint, hint + size);
            Check(hintUsable ? mapped == hint : CanPlace(table, mapped, size), $"map placed at 0x{mapped:x} (hint 0x{hint:x})");
        }

        if (kind == MappingKind.SharedObject && backing is null)
        {
            obj = _objects.NewObject();
        }

        table.Remove(mapped, mapped + size);
        for (ulong i = 0; i < size / Page; i++)
        {
            table.Pages[mapped + (i * Page)] = new ModelPage
            {
                Protection = protection,
                Kind = kind,
                Object = obj,
                ObjectPage = obj < 0 ? 0 : (offset / Page) + i,
            };
        }
    }

    private static bool CanPlace(ModelTable table, ulong address, ulong size) =>
        (address & (Page - 1)) == 0 && address >= table.Range.Start && address + size <= table.Range.End && !table.AnyMapped(address, address + size);

    private void Unmap(ModelSpace space)
    {
        var table = space.Table;
        ulong address = MaybeMisalign(PickPage(space));
        ulong length = PickLength(10);
        Errno expected = (address & (Page - 1)) != 0 ? Errno.EINVAL : Errno.None;
        Log($"munmap {space.Id} 0x{address:x} +0x{length:x}");
        Count("munmap", expected == Errno.None);
        Expect(_system.Unmap(space.Id, address, length), expected, "munmap");
        if (expected == Errno.None)
        {
            table.Remove(address, address + RoundUp(length));
        }
    }

    private void Protect(ModelSpace space)
    {
        var table = space.Table;
        ulong address = MaybeMisalign(PickPage(space));
        ulong length = _random.Next(12) == 0 ? 0 : PickLength(8);
        var protection = PickProtection();
        Log($"mprotect {space.Id} 0x{address:x} +0x{length:x} {protection}");
        var error = _system.Protect(space.Id, address, length, protection);
        Count("mprotect", error == Errno.None);
        if ((address & (Page - 1)) != 0)
        {
            Expect(error, Errno.EINVAL, "mprotect");
            return;
        }

        // Linux: mapping by mapping from the start; a hole is ENOMEM and a write to a read-only
        // shared object is EACCES, each after the part before it was changed.
        Errno expected = Errno.None;
        ulong end = address + RoundUp(length);
        for (ulong page = address; page < end; page += Page)
        {
            var entry = table.At(page);
            if (entry is null)
            {
                expected = Errno.ENOMEM;
                break;
            }

            if ((protection & Protection.Write) != 0 && entry.Kind == MappingKind.SharedObject && entry.Object == ModelObjects.Image)
            {
                expected = Errno.EACCES;
                break;
            }

            entry.Protection = protection;
        }

        Expect(error, expected, "mprotect");
    }

    private void DontNeed(ModelSpace space)
    {
        var table = space.Table;
        ulong address = MaybeMisalign(PickPage(space));
        ulong length = _random.Next(12) == 0 ? 0 : PickLength(8);
        Log($"madvise {space.Id} 0x{address:x} +0x{length:x}");
        var error = _system.AdviseDontNeed(space.Id, address, length);
        Count("madvise", error == Errno.None);
        if ((address & (Page - 1)) != 0)
        {
            Expect(error, Errno.EINVAL, "madvise");
            return;
        }

        Errno expected = Errno.None;
        for (ulong page = address; page < address + RoundUp(length); page += Page)
        {
            var entry = table.At(page);
            if (entry is null)
            {
                expected = Errno.ENOMEM;
            }
            else if (entry.Kind != MappingKind.SharedObject)
            {
                entry.Private = null;
            }
        }

        Expect(error, expected, "madvise");
    }

    private void Remap(ModelSpace space)
    {
        var table = space.Table;
        ulong old = MaybeMisalign(PickPage(space, mappedPercent: 85));
        ulong oldLength = PickLength(_random.Next(2) == 0 ? 1 : 4);
        ulong newLength = _random.Next(6) == 0 ? oldLength : PickLength(8);
        int pick = _random.Next(10);
        var flags = pick < 3 ? RemapFlags.None : pick < 8 ? RemapFlags.MayMove : RemapFlags.MayMove | RemapFlags.Fixed;
        ulong target = (flags & RemapFlags.Fixed) != 0 ? PickPage(space, mappedPercent: 20) : 0;
        ulong oldSize = RoundUp(oldLength);
        ulong newSize = RoundUp(newLength);
        Log($"mremap {space.Id} 0x{old:x} +0x{oldLength:x} -> +0x{newLength:x} {flags} 0x{target:x}");
        var error = _system.Remap(space.Id, old, oldLength, newLength, flags, target, out ulong result);
        Count(result != old && error == Errno.None ? "mremap (moved)" : "mremap", error == Errno.None);

        if ((old & (Page - 1)) != 0)
        {
            Expect(error, Errno.EINVAL, "mremap");
            return;
        }

        if (table.At(old) is null || table.MappingEnd(old) < old + oldSize)
        {
            Expect(error, Errno.EFAULT, "mremap");
            return;
        }

        var first = table.Pages[old];
        if ((flags & RemapFlags.Fixed) != 0)
        {
            if (target < old + oldSize && old < target + newSize)
            {
                Expect(error, Errno.EINVAL, "mremap");
                return;
            }

            Expect(error, Errno.None, "mremap");
            Check(result == target, "fixed mremap result");
            table.Remove(target, target + newSize);
            Move(table, old, oldSize, target, newSize, first);
            return;
        }

        if (newSize <= oldSize)
        {
            Expect(error, Errno.None, "mremap");
            Check(result == old, "shrinking mremap result");
            table.Remove(old + newSize, old + oldSize);
            return;
        }

        ulong tail = old + oldSize;
        if (table.MappingEnd(old) == tail && old + newSize <= table.Range.End && !table.AnyMapped(tail, old + newSize))
        {
            Expect(error, Errno.None, "mremap");
            Check(result == old, "mremap grown in place");
            for (ulong i = oldSize / Page; i < newSize / Page; i++)
            {
                table.Pages[old + (i * Page)] = first.Following(i);
            }

            return;
        }

        if ((flags & RemapFlags.MayMove) == 0)
        {
            Expect(error, Errno.ENOMEM, "mremap");
            return;
        }

        Expect(error, Errno.None, "mremap");
        Check(CanPlace(table, result, newSize), $"mremap moved to 0x{result:x}");
        Move(table, old, oldSize, result, newSize, first);
    }

    private static void Move(ModelTable table, ulong old, ulong oldSize, ulong target, ulong newSize, ModelPage first)
    {
        var moved = new List<(ulong Offset, ModelPage Page)>();
        for (ulong offset = 0; offset < Math.Min(oldSize, newSize); offset += Page)
        {
            if (table.Pages.TryGetValue(old + offset, out var page))
            {
                moved.Add((offset, page));
            }
        }

        table.Remove(old, old + oldSize);
        foreach (var (offset, page) in moved)
        {
            table.Pages[target + offset] = page;
        }

        for (ulong offset = oldSize; offset < newSize; offset += Page)
        {
            table.Pages[target + offset] = first.Following(offset / Page);
        }
    }

    private void Break(ModelSpace space)
    {
        var table = space.Table;
        long pages = _random.Next(-3, 24);
        ulong requested = (ulong)((long)table.BreakStart + (pages * (long)Page)) + (ulong)_random.Next((int)Page);
        ulong expected = table.Break;
        if (requested >= table.BreakStart)
        {
            ulong oldEnd = RoundUp(table.Break);
            ulong newEnd = RoundUp(requested);
            if (newEnd > oldEnd)
            {
                if (oldEnd >= table.Range.Start && newEnd <= table.Range.End && !table.AnyMapped(oldEnd, newEnd + Page))
                {
                    for (ulong page = oldEnd; page < newEnd; page += Page)
                    {
                        table.Pages[page] = new ModelPage { Protection = ReadWrite, Kind = MappingKind.PrivateAnonymous };
                    }

                    expected = requested;
                }
            }
            else
            {
                table.Remove(newEnd, oldEnd);
                expected = requested;
            }
        }

        table.Break = expected;
        Log($"brk {space.Id} 0x{requested:x}");
        ulong result = _system.SetBreak(space.Id, requested);
        Count("brk", result == requested);
        Check(result == expected, $"brk answered 0x{result:x}, the model 0x{expected:x}");
    }

    private void ResolveFault(ModelSpace space)
    {
        ulong address = PickPage(space) + (ulong)_random.Next((int)Page);
        var access = (MemoryAccess)_random.Next(3);
        var page = space.Table.At(address & ~(Page - 1));
        var expected = page is null
            ? FaultResolution.NotMapped
            : (access switch
            {
                MemoryAccess.Read => page.IsReadable,
                MemoryAccess.Write => page.IsWritable,
                _ => (page.Protection & Protection.Execute) != 0,
            }) ? FaultResolution.Resolved : FaultResolution.AccessDenied;
        Log($"fault {space.Id} 0x{address:x} {access}");
        var result = _system.ResolveFault(space.Id, address, access);
        Count("fault", result == FaultResolution.Resolved);
        Check(result == expected, $"fault resolution {result}, the model {expected}");
        if (result == FaultResolution.Resolved && access == MemoryAccess.Write && page!.Kind != MappingKind.SharedObject)
        {
            page.Private ??= (byte[])_objects.Contents(page).Clone(); // a write fault copies: the page is private from now on
        }
    }

    // ----- spaces -----

    private int PartitionsInUse => _spaces.Count(s => s.LentFrom is null);

    private void CreateSpace()
    {
        if (_spaces.Count >= MaximumSpaces)
        {
            return;
        }

        var result = _system.Provider.CreateAddressSpace();
        Log("create");
        if (_kind == AddressSpaceKind.SharedMemory && PartitionsInUse == PartitionCount)
        {
            Expect(result.Error, AddressSpaceError.NoSpace, "create");
            return;
        }

        Expect(result.Error, AddressSpaceError.None, "create");
        var space = new ModelSpace(result.Value, new ModelTable(_system.Range(result.Value)));
        SetUpBreak(space);
        _spaces.Add(space);
    }

    private void SetUpBreak(ModelSpace space)
    {
        ulong start = space.Window + (40 * Page) + (ulong)_random.Next((int)Page);
        Expect(_system.SetBreakStart(space.Id, start), Errno.None, "set break start");
        space.Table.BreakStart = start;
        space.Table.Break = start;
    }

    private void Destroy(ModelSpace space)
    {
        Log($"destroy {space.Id}");
        var memory = _system.Memory(space.Id);
        Expect(_system.Provider.DestroyAddressSpace(space.Id), AddressSpaceError.None, "destroy");
        Count("destroy", true);
        _spaces.Remove(space);
        _destroyed.Add((space.Id, memory));
        if (_spaces.Count == 0)
        {
            CreateSpace();
        }
    }

    private void StaleUse()
    {
        if (_destroyed.Count == 0)
        {
            return;
        }

        var (id, memory) = _destroyed[_random.Next(_destroyed.Count)];
        Log($"stale use of {id}");
        ulong somewhere = _spaces[0].Window;
        Expect(_system.Map(id, somewhere, Page, ReadWrite, MapFlags.Fixed, out _), Errno.EINVAL, "map with a stale id");
        Expect(_system.Unmap(id, somewhere, Page), Errno.EINVAL, "munmap with a stale id");
        Expect(_system.GetGuestMemory(id).Error, AddressSpaceError.InvalidId, "memory of a stale id");
        Expect(memory.Write(new GuestAddress(somewhere), 1UL), Errno.EFAULT, "write through a stale view");
        Expect(_system.Provider.DestroyAddressSpace(id), AddressSpaceError.InvalidId, "destroy a stale id");
    }

    private void Fork(ModelSpace parent)
    {
        if (_kind == AddressSpaceKind.Isolated)
        {
            if (_spaces.Count >= MaximumSpaces)
            {
                return;
            }

            Log($"fork {parent.Id}");
            var child = _system.Fork(parent.Id);
            Expect(child.Error, AddressSpaceError.None, "fork");
            Count("fork", true);
            _spaces.Add(new ModelSpace(child.Value, parent.Table.Clone()));
            return;
        }

        var policy = (SnapshotPolicy)_random.Next(3);
        ulong eagerStart = parent.Window + ((ulong)_random.Next(WindowPages) * Page);
        AddressRange[] eager = [new AddressRange(eagerStart, eagerStart + ((ulong)_random.Next(1, 16) * Page))];
        Log($"fork {parent.Id} {policy}");
        var result = _system.Fork(parent.Id, policy, eager);
        Expect(result.Error, AddressSpaceError.None, "fork");
        Count("fork", true);
        Check(_system.Range(result.Value) == parent.Table.Range, "the child runs in the parent's partition");
        Check(_system.IsLent(parent.Id), "the parent is lent");
        parent.Saved = parent.Table.Clone();
        _lentChild = new ModelSpace(result.Value, parent.Table) { LentFrom = parent };
        _spaces.Add(_lentChild);
        _sessionLeft = _random.Next(3, 40);
    }

    private void ForbiddenWhileLent()
    {
        var parent = _lentChild!.LentFrom!;
        Log("forbidden while lent");
        Expect(_system.Provider.DestroyAddressSpace(parent.Id), AddressSpaceError.NotSupported, "destroy a lent parent");
        Expect(_system.Fork(parent.Id).Error, AddressSpaceError.NotSupported, "fork a lent parent");
        Expect(_system.Fork(_lentChild.Id).Error, AddressSpaceError.NotSupported, "fork a borrowing child");
    }

    private void EndSession(bool forceReturn)
    {
        var child = _lentChild!;
        var parent = child.LentFrom!;
        int pick = forceReturn ? 0 : _random.Next(10);
        if (pick < 3)
        {
            Log($"destroy lent child {child.Id}");
            Expect(_system.Provider.DestroyAddressSpace(child.Id), AddressSpaceError.None, "destroy a lent child");
            _spaces.Remove(child);
        }
        else if (pick < 6 && PartitionsInUse < PartitionCount)
        {
            Log($"return to {parent.Id}, {child.Id} goes on");
            Expect(_system.ReturnLentTable(child.Id, childContinues: true), AddressSpaceError.None, "return, the child going on");
            child.LentFrom = null;
            child.Table = new ModelTable(_system.Range(child.Id));
            Check(!child.Table.Range.Contains(parent.Table.Range.Start), "the child has a partition of its own");
            SetUpBreak(child);
        }
        else
        {
            if (pick < 6)
            {
                Log($"return to {parent.Id} without a partition for {child.Id}");
                Expect(_system.ReturnLentTable(child.Id, childContinues: true), AddressSpaceError.NoSpace, "return, no partition left");
            }

            Log($"return to {parent.Id}, {child.Id} exits");
            Expect(_system.ReturnLentTable(child.Id, childContinues: false), AddressSpaceError.None, "return");
            Expect(_system.Provider.DestroyAddressSpace(child.Id), AddressSpaceError.None, "destroy the returned child");
            _spaces.Remove(child);
        }

        Count("return", true);
        parent.Table.RestoreFrom(parent.Saved!);
        parent.Saved = null;
        _lentChild = null;
        Check(!_system.IsLent(parent.Id), "the parent has its table back");
    }

    // ----- checking -----

    private void CheckEverything()
    {
        foreach (var space in _spaces)
        {
            if (space.Saved is not null)
            {
                continue; // lent: checked through the child
            }

            var table = space.Table;
            var expected = table.Mappings();
            var actual = _system.Mappings(space.Id);
            if (!actual.SequenceEqual(expected))
            {
                Fail($"mappings of {space.Id}:\n  actual   {string.Join(", ", actual)}\n  expected {string.Join(", ", expected)}");
            }

            Check(_system.GetBreak(space.Id) == table.Break, $"break of {space.Id}");
            var memory = _system.Memory(space.Id);
            var buffer = new byte[Page];
            foreach (var (address, page) in table.Pages)
            {
                if (!page.IsReadable)
                {
                    continue;
                }

                Expect(memory.Read(new GuestAddress(address), buffer), Errno.None, $"read page 0x{address:x}");
                if (!buffer.AsSpan().SequenceEqual(_objects.Contents(page)))
                {
                    Fail($"contents of page 0x{address:x} of {space.Id} differ from the model");
                }
            }

            for (int i = 0; i < WindowPages; i++)
            {
                ulong address = space.Window + ((ulong)i * Page);
                if (table.At(address) is null)
                {
                    Expect(memory.Read(new GuestAddress(address), out byte _), Errno.EFAULT, $"read unmapped 0x{address:x}");
                }
            }
        }
    }

    private void Count(string operation, bool succeeded)
    {
        var (ok, failed) = _outcomes.GetValueOrDefault(operation);
        _outcomes[operation] = succeeded ? (ok + 1, failed) : (ok, failed + 1);
    }

    private void Log(string operation)
    {
        _log.Enqueue($"{_step}: {operation}");
        if (_log.Count > 30)
        {
            _log.Dequeue();
        }
    }

    private void Expect<T>(T actual, T expected, string what)
    {
        if (!EqualityComparer<T>.Default.Equals(actual, expected))
        {
            Assert.That(actual, Is.EqualTo(expected), Context(what));
        }
    }

    private void Check(bool condition, string what)
    {
        if (!condition)
        {
            Assert.That(condition, Is.True, Context(what));
        }
    }

    private void Fail(string message) => Assert.That(message, Is.Empty, Context("mismatch"));

    private string Context(string what) =>
        $"{_kind} seed {_seed} step {_step}: {what}\nrecent operations:\n{string.Join("\n", _log)}";
}
