using System.Runtime.CompilerServices;
using LiteBox.Cpu;

namespace LiteBox.Core.Memory;

// Demand paging, translation for the harts, and fault resolution. First touches are populated
// inline; writes to copy-on-write and snapshot-pending pages fault, and the tick's CoW step
// resolves them in a batch with ResolveFault.
public sealed partial class MemoryManager
{
    /// <summary>Translation for a hart's TLB miss (the Cpu's memory interface).</summary>
    internal unsafe TranslationResult Translate(AddressSpaceId id, ulong page, MemoryAccess access, out nint host)
    {
        host = 0;
        if (!IsLive(id) || page >= Space(id.Index).RangeEnd)
        {
            // Past the range nothing is mapped, and the page-table index must never see such
            // an address: its block number would spill into the space bits of the key.
            return TranslationResult.PageFault;
        }

        int table = Space(id.Index).TableOwner;
        ulong vpn = page >> PageShift;
        int slot = (int)(vpn & (PageTableBlock.PagesPerBlock - 1));
        ref var block = ref FindBlock(table, vpn);
        if (Unsafe.IsNullRef(ref block) || !block.IsPresent(slot))
        {
            var m = FindMapping(table, page);
            if (m == Ecs.Entity.Null)
            {
                return TranslationResult.PageFault;
            }

            var mapping = _world.Get<Mapping>(m);
            if (!Allows(mapping.Protection, access))
            {
                return TranslationResult.PageFault;
            }

            int populated = Populate(table, mapping, vpn, access);
            if (populated < 0)
            {
                return TranslationResult.AccessFault;
            }

            host = Frames.HostAddress(populated);
            return TranslationResult.Success;
        }

        var protection = block.ProtectionAt(slot);
        var state = block.StateAt(slot);
        if (!Allows(protection, access))
        {
            return TranslationResult.PageFault;
        }

        if (access == MemoryAccess.Write && (state & PageState.WriteBlocking) != 0)
        {
            if ((state & PageState.WriteBlocking) != PageState.Zero)
            {
                return TranslationResult.PageFault; // copy-on-write or snapshot: the CoW step resolves it
            }

            int frame = MaterializeZeroPage(table, vpn);
            if (frame < 0)
            {
                return TranslationResult.AccessFault;
            }

            host = Frames.HostAddress(frame);
            return TranslationResult.Success;
        }

        host = Frames.HostAddress(block.Frames[slot]);
        return TranslationResult.Success;
    }

    /// <summary>Resolves a fault a hart (or the shim) met at <paramref name="address"/>: populates
    /// the page, or resolves copy-on-write (copying the frame, or taking it over when this space
    /// holds its only reference), or saves the page for a SharedMemory parent first.</summary>
    public FaultResolution ResolveFault(AddressSpaceId id, ulong address, MemoryAccess access)
    {
        return IsLive(id) ? ResolveFaultLocked(id.Index, address, access) : FaultResolution.NotMapped;
    }

    private unsafe FaultResolution ResolveFaultLocked(int spaceIndex, ulong address, MemoryAccess access)
    {
        int table = Space(spaceIndex).TableOwner;
        ulong page = address & ~PageMask;
        ulong vpn = page >> PageShift;
        int slot = (int)(vpn & (PageTableBlock.PagesPerBlock - 1));
        var m = FindMapping(table, page);
        if (m == Ecs.Entity.Null)
        {
            return FaultResolution.NotMapped;
        }

        var mapping = _world.Get<Mapping>(m);
        if (!Allows(mapping.Protection, access))
        {
            return FaultResolution.AccessDenied;
        }

        ref var block = ref FindBlock(table, vpn);
        if (Unsafe.IsNullRef(ref block) || !block.IsPresent(slot))
        {
            return Populate(table, mapping, vpn, access) < 0 ? FaultResolution.OutOfMemory : FaultResolution.Resolved;
        }

        if (access != MemoryAccess.Write)
        {
            return FaultResolution.Resolved;
        }

        var state = block.StateAt(slot);
        if ((state & PageState.WriteBlocking) == 0)
        {
            return FaultResolution.Resolved;
        }

        if ((state & PageState.SnapshotPending) != 0)
        {
            if (!SnapshotPage(table, vpn))
            {
                return FaultResolution.OutOfMemory;
            }

            block = ref FindBlock(table, vpn);
            state = block.StateAt(slot);
        }
        else if (Space(table).LentTo >= 0)
        {
            if (!PreserveForLender(table, vpn))
            {
                return FaultResolution.OutOfMemory;
            }

            block = ref FindBlock(table, vpn);
        }

        if ((state & PageState.Zero) != 0)
        {
            return MaterializeZeroPage(table, vpn) < 0 ? FaultResolution.OutOfMemory : FaultResolution.Resolved;
        }

        int frame = block.Frames[slot];
        if ((state & PageState.CopyOnWrite) != 0)
        {
            ref var counters = ref Space(table).Counters;
            counters.CopyOnWriteFaults++;
            if (Frames.RefCount(frame) > 1)
            {
                int copy = Frames.AllocateCopy(frame);
                if (copy < 0)
                {
                    return FaultResolution.OutOfMemory;
                }

                Frames.Release(frame);
                frame = copy;
                counters.PagesCopied++;
                counters.BytesCopied += GuestAddress.PageSize;
            }
        }

        // Allocation and copying touch no ECS storage, so the block reference is still good.
        block.Set(slot, frame, block.ProtectionAt(slot), state & ~(PageState.CopyOnWrite | PageState.SnapshotPending));
        InvalidateTranslation(table, page);
        return FaultResolution.Resolved;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Allows(Protection protection, MemoryAccess access) => access switch
    {
        MemoryAccess.Read => (protection & (Protection.Read | Protection.Write)) != 0, // riscv Linux: write implies read
        MemoryAccess.Write => (protection & Protection.Write) != 0,
        _ => (protection & Protection.Execute) != 0,
    };

    /// <summary>Makes the first entry for a page: the zero frame or a fresh frame for anonymous
    /// memory, the object's frame (copy-on-write) or a copy of it for private object mappings,
    /// the object's frame for shared ones.</summary>
    /// <returns>The frame now mapped, or -1 when memory ran out.</returns>
    private int Populate(int table, Mapping mapping, ulong vpn, MemoryAccess access)
    {
        bool write = access == MemoryAccess.Write;
        int frame;
        PageState state;
        switch (mapping.Kind)
        {
            case MappingKind.PrivateAnonymous:
                frame = write ? Frames.Allocate() : FrameArena.ZeroFrame;
                state = write ? PageState.None : PageState.Zero;
                break;
            case MappingKind.PrivateObject:
            {
                int source = ObjectFrame(mapping.Object, mapping.ObjectPage + (vpn - (mapping.Start >> PageShift)));
                if (source < 0)
                {
                    return -1; // a shared-memory object could not make its page
                }

                if (write)
                {
                    frame = source == FrameArena.ZeroFrame ? Frames.Allocate() : Frames.AllocateCopy(source);
                    state = PageState.None;
                }
                else
                {
                    frame = source;
                    Frames.AddRef(frame);
                    state = frame == FrameArena.ZeroFrame ? PageState.Zero : PageState.CopyOnWrite;
                }

                break;
            }

            default:
                frame = ObjectFrame(mapping.Object, mapping.ObjectPage + (vpn - (mapping.Start >> PageShift)));
                if (frame >= 0)
                {
                    Frames.AddRef(frame);
                }

                state = PageState.Shared;
                break;
        }

        if (frame < 0)
        {
            return -1;
        }

        SetEntry(table, vpn, frame, mapping.Protection, state | LentMark(table, PageState.None));
        Space(table).Counters.PagesPopulated++;
        return frame;
    }

    /// <summary>Replaces a zero-frame entry with a fresh frame for a write.</summary>
    private unsafe int MaterializeZeroPage(int table, ulong vpn)
    {
        int frame = Frames.Allocate();
        if (frame < 0)
        {
            return -1;
        }

        int slot = (int)(vpn & (PageTableBlock.PagesPerBlock - 1));
        ref var block = ref FindBlock(table, vpn);
        var state = block.StateAt(slot) & ~PageState.Zero;
        block.Set(slot, frame, block.ProtectionAt(slot), state | LentMark(table, PageState.None));
        Space(table).Counters.PagesPopulated++;

        // Read translations still point at the zero frame.
        InvalidateTranslation(table, vpn << PageShift);
        return frame;
    }

    /// <summary>Marks entries made while the table is lent, so they are dropped when it is returned.</summary>
    private PageState LentMark(int table, PageState state) =>
        Space(table).LentTo >= 0 ? state | PageState.PopulatedWhileLent : state;
}
