using System.Runtime.CompilerServices;

namespace LiteBox.Cpu;

/// <summary>
/// Runs harts on one host thread. An executor owns software TLBs (tagged by address space, so they
/// serve every hart it runs without flushing, and banked by address space, so processes running
/// the same program do not evict each other) and shares its processor's decoded-code cache.
/// Create one per host thread with <see cref="Processor.CreateExecutor"/>; an executor is not
/// thread-safe.
/// </summary>
public sealed unsafe partial class Executor
{
    private readonly Processor _processor;
    private readonly Tlb?[] _banks;
    private Tlb _tlb;
    private readonly DecodedPage _scratch = DecodedPage.CreateScratch();
    private IGuestMemory? _memory;
    private int _space;
    private bool _codeChanged;
    private ulong _stopPc;

    // The block being run. Kept in fields rather than locals so that the dispatch loop keeps only
    // the hart, the current slot and the retired count in registers across slow-path calls.
    private DecodedInstruction* _slots;
    private ulong _pageVa;
    private long _budget;

    // Details of the last fault a slow path met, read by the stop it causes.
    private ulong _faultAddress;
    private TranslationResult _faultResult;

    internal Executor(Processor processor, Tlb?[] banks)
    {
        _processor = processor;
        _banks = banks;
        _tlb = banks[0] ?? CreateBank(banks, 0);
    }

    /// <summary>Makes bank <paramref name="index"/> (the array is the processor's too, which
    /// invalidates through it) the first time an address space runs in it: an executor that runs
    /// one process has one TLB.</summary>
    private static Tlb CreateBank(Tlb?[] banks, int index) => banks[index] = new Tlb();

    /// <summary>The processor whose caches this executor shares.</summary>
    public Processor Processor => _processor;

    /// <summary>
    /// Runs <paramref name="hart"/> in <paramref name="memory"/> until it has retired at least
    /// <paramref name="budget"/> instructions (checked at every taken jump and page end, so a
    /// straight run of code may finish first) or stops at an ecall, ebreak, illegal instruction
    /// or fault. Allocates nothing once the code it runs is decoded.
    /// </summary>
    /// <remarks>A run is a context switch: it drops any LR reservation the hart held before.</remarks>
    public HartStop Run(ref HartState hart, IGuestMemory memory, long budget)
    {
        ArgumentNullException.ThrowIfNull(memory);

        // References are stored only when they change: each store costs a GC write barrier, and
        // a run can be as short as a few instructions before a system call.
        if (!ReferenceEquals(memory, _memory))
        {
            _memory = memory;
        }

        _space = memory.AddressSpaceId;
        var bank = _banks[Tlb.BankOf(_space)] ?? CreateBank(_banks, Tlb.BankOf(_space));
        if (!ReferenceEquals(bank, _tlb))
        {
            _tlb = bank;
        }

        hart.HasReservation = false;
        fixed (HartState* h = &hart)
        {
            return Execute(h, budget);
        }
    }

    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private HartStop Execute(HartState* h, long budget)
    {
        ulong* x = h->X;
        long retired = 0;
        ulong pc = h->Pc;
        ulong target;
        StopReason reason;
        _budget = budget;

        while (true)
        {
            if (retired >= budget)
            {
                return Stop(h, StopReason.BudgetExhausted, pc, retired);
            }

            var page = GetCode(pc);
            if (page is null)
            {
                return Fault(h, FetchFaultReason(), pc, retired, MemoryAccess.Execute, _faultAddress);
            }

            _slots = page.Slots0;
            _pageVa = pc & ~0xFFFUL;
            DecodedInstruction* d = _slots + ((pc & 0xFFF) >> 1);

            while (true)
            {
                switch (d->Op)
                {
                    case Op.Undecoded:
                        DecodeSlot(page, d, _slots);
                        continue;
                    case Op.PageEnd:
                        pc = PcOf(d);
                        goto NextBlock;
                    case Op.CrossPage:
                    {
                        ulong at = PcOf(d);
                        if (!TryFetchCrossPage(at, out uint bits))
                        {
                            return Fault(h, FetchFaultReason(), at, retired, MemoryAccess.Execute, _faultAddress);
                        }

                        page = _scratch;
                        _slots = _scratch.Slots0;
                        d = _slots + 2047;
                        *d = Decoder.Decode(bits);
                        d->Stride = 32;
                        continue;
                    }

                    case Op.Illegal:
                        reason = StopReason.IllegalInstruction;
                        goto StopHere;
                    case Op.Ecall:
                        reason = StopReason.EnvironmentCall;
                        goto StopHere;
                    case Op.Ebreak:
                        reason = StopReason.Breakpoint;
                        goto StopHere;
                    case Op.Fence:
                        break;
                    case Op.FenceI:
                        _tlb.InvalidateCode();
                        retired++;
                        pc = PcOf(d) + d->Length;
                        goto NextBlock;

                    // Upper immediates and jumps.
                    case Op.Lui:
                        x[d->Rd] = (ulong)(long)d->Imm;
                        break;
                    case Op.Auipc:
                        x[d->Rd] = PcOf(d) + (ulong)(long)d->Imm;
                        break;
                    case Op.Jal:
                        target = PcOf(d);
                        x[d->Rd] = target + d->Length;
                        target += (ulong)(long)d->Imm;
                        goto Jump;
                    case Op.Jalr:
                        target = (x[d->Rs1] + (ulong)(long)d->Imm) & ~1UL;
                        x[d->Rd] = PcOf(d) + d->Length;
                        goto Jump;
                    case Op.Beq:
                        if (x[d->Rs1] == x[d->Rs2])
                        {
                            goto Taken;
                        }

                        break;
                    case Op.Bne:
                        if (x[d->Rs1] != x[d->Rs2])
                        {
                            goto Taken;
                        }

                        break;
                    case Op.Blt:
                        if ((long)x[d->Rs1] < (long)x[d->Rs2])
                        {
                            goto Taken;
                        }

                        break;
                    case Op.Bge:
                        if ((long)x[d->Rs1] >= (long)x[d->Rs2])
                        {
                            goto Taken;
                        }

                        break;
                    case Op.Bltu:
                        if (x[d->Rs1] < x[d->Rs2])
                        {
                            goto Taken;
                        }

                        break;
                    case Op.Bgeu:
                        if (x[d->Rs1] >= x[d->Rs2])
                        {
                            goto Taken;
                        }

                        break;

                    // Loads: an inline TLB hit, else the slow path (which handles page crossings).
                    case Op.Lb:
                    {
                        ulong a = x[d->Rs1] + (ulong)(long)d->Imm;
                        TlbEntry* e = _tlb.Read + Tlb.IndexOf(a);
                        if (e->Page == (a & ~0xFFFUL) && e->Space == _space)
                        {
                            x[d->Rd] = (ulong)(long)*(sbyte*)(e->Delta + (nint)a);
                        }
                        else if (TryLoadSlow(a, 1, out ulong v))
                        {
                            x[d->Rd] = (ulong)(long)(sbyte)v;
                        }
                        else
                        {
                            goto LoadFault;
                        }

                        break;
                    }

                    case Op.Lbu:
                    {
                        ulong a = x[d->Rs1] + (ulong)(long)d->Imm;
                        TlbEntry* e = _tlb.Read + Tlb.IndexOf(a);
                        if (e->Page == (a & ~0xFFFUL) && e->Space == _space)
                        {
                            x[d->Rd] = *(byte*)(e->Delta + (nint)a);
                        }
                        else if (TryLoadSlow(a, 1, out ulong v))
                        {
                            x[d->Rd] = (byte)v;
                        }
                        else
                        {
                            goto LoadFault;
                        }

                        break;
                    }

                    case Op.Lh:
                    {
                        ulong a = x[d->Rs1] + (ulong)(long)d->Imm;
                        TlbEntry* e = _tlb.Read + Tlb.IndexOf(a);
                        if (e->Page == ((a + 1) & ~0xFFFUL) && e->Space == _space)
                        {
                            x[d->Rd] = (ulong)(long)Unsafe.ReadUnaligned<short>((void*)(e->Delta + (nint)a));
                        }
                        else if (TryLoadSlow(a, 2, out ulong v))
                        {
                            x[d->Rd] = (ulong)(long)(short)v;
                        }
                        else
                        {
                            goto LoadFault;
                        }

                        break;
                    }

                    case Op.Lhu:
                    {
                        ulong a = x[d->Rs1] + (ulong)(long)d->Imm;
                        TlbEntry* e = _tlb.Read + Tlb.IndexOf(a);
                        if (e->Page == ((a + 1) & ~0xFFFUL) && e->Space == _space)
                        {
                            x[d->Rd] = Unsafe.ReadUnaligned<ushort>((void*)(e->Delta + (nint)a));
                        }
                        else if (TryLoadSlow(a, 2, out ulong v))
                        {
                            x[d->Rd] = (ushort)v;
                        }
                        else
                        {
                            goto LoadFault;
                        }

                        break;
                    }

                    case Op.Lw:
                    {
                        ulong a = x[d->Rs1] + (ulong)(long)d->Imm;
                        TlbEntry* e = _tlb.Read + Tlb.IndexOf(a);
                        if (e->Page == ((a + 3) & ~0xFFFUL) && e->Space == _space)
                        {
                            x[d->Rd] = (ulong)(long)Unsafe.ReadUnaligned<int>((void*)(e->Delta + (nint)a));
                        }
                        else if (TryLoadSlow(a, 4, out ulong v))
                        {
                            x[d->Rd] = (ulong)(long)(int)v;
                        }
                        else
                        {
                            goto LoadFault;
                        }

                        break;
                    }

                    case Op.Lwu:
                    {
                        ulong a = x[d->Rs1] + (ulong)(long)d->Imm;
                        TlbEntry* e = _tlb.Read + Tlb.IndexOf(a);
                        if (e->Page == ((a + 3) & ~0xFFFUL) && e->Space == _space)
                        {
                            x[d->Rd] = Unsafe.ReadUnaligned<uint>((void*)(e->Delta + (nint)a));
                        }
                        else if (TryLoadSlow(a, 4, out ulong v))
                        {
                            x[d->Rd] = (uint)v;
                        }
                        else
                        {
                            goto LoadFault;
                        }

                        break;
                    }

                    case Op.Ld:
                    {
                        ulong a = x[d->Rs1] + (ulong)(long)d->Imm;
                        TlbEntry* e = _tlb.Read + Tlb.IndexOf(a);
                        if (e->Page == ((a + 7) & ~0xFFFUL) && e->Space == _space)
                        {
                            x[d->Rd] = Unsafe.ReadUnaligned<ulong>((void*)(e->Delta + (nint)a));
                        }
                        else if (TryLoadSlow(a, 8, out ulong v))
                        {
                            x[d->Rd] = v;
                        }
                        else
                        {
                            goto LoadFault;
                        }

                        break;
                    }

                    case Op.Flw:
                    {
                        ulong a = x[d->Rs1] + (ulong)(long)d->Imm;
                        TlbEntry* e = _tlb.Read + Tlb.IndexOf(a);
                        if (e->Page == ((a + 3) & ~0xFFFUL) && e->Space == _space)
                        {
                            h->F[d->Rd] = FloatOps.BoxSingle(Unsafe.ReadUnaligned<uint>((void*)(e->Delta + (nint)a)));
                        }
                        else if (TryLoadSlow(a, 4, out ulong v))
                        {
                            h->F[d->Rd] = FloatOps.BoxSingle((uint)v);
                        }
                        else
                        {
                            goto LoadFault;
                        }

                        break;
                    }

                    case Op.Fld:
                    {
                        ulong a = x[d->Rs1] + (ulong)(long)d->Imm;
                        TlbEntry* e = _tlb.Read + Tlb.IndexOf(a);
                        if (e->Page == ((a + 7) & ~0xFFFUL) && e->Space == _space)
                        {
                            h->F[d->Rd] = Unsafe.ReadUnaligned<ulong>((void*)(e->Delta + (nint)a));
                        }
                        else if (TryLoadSlow(a, 8, out ulong v))
                        {
                            h->F[d->Rd] = v;
                        }
                        else
                        {
                            goto LoadFault;
                        }

                        break;
                    }

                    // Stores: a slow-path store that drops decoded code ends the block, so
                    // modified code is refetched.
                    case Op.Sb:
                    {
                        ulong a = x[d->Rs1] + (ulong)(long)d->Imm;
                        TlbEntry* e = _tlb.Write + Tlb.IndexOf(a);
                        if (e->Page == (a & ~0xFFFUL) && e->Space == _space)
                        {
                            *(byte*)(e->Delta + (nint)a) = (byte)x[d->Rs2];
                            break;
                        }

                        switch (StoreSlow(a, 1, x[d->Rs2]))
                        {
                            case StoreResult.Done: break;
                            case StoreResult.CodeChanged: goto EndBlockAfter;
                            default: goto StoreFault;
                        }

                        break;
                    }

                    case Op.Sh:
                    {
                        ulong a = x[d->Rs1] + (ulong)(long)d->Imm;
                        TlbEntry* e = _tlb.Write + Tlb.IndexOf(a);
                        if (e->Page == ((a + 1) & ~0xFFFUL) && e->Space == _space)
                        {
                            Unsafe.WriteUnaligned((void*)(e->Delta + (nint)a), (ushort)x[d->Rs2]);
                            break;
                        }

                        switch (StoreSlow(a, 2, x[d->Rs2]))
                        {
                            case StoreResult.Done: break;
                            case StoreResult.CodeChanged: goto EndBlockAfter;
                            default: goto StoreFault;
                        }

                        break;
                    }

                    case Op.Sw:
                    {
                        ulong a = x[d->Rs1] + (ulong)(long)d->Imm;
                        TlbEntry* e = _tlb.Write + Tlb.IndexOf(a);
                        if (e->Page == ((a + 3) & ~0xFFFUL) && e->Space == _space)
                        {
                            Unsafe.WriteUnaligned((void*)(e->Delta + (nint)a), (uint)x[d->Rs2]);
                            break;
                        }

                        switch (StoreSlow(a, 4, x[d->Rs2]))
                        {
                            case StoreResult.Done: break;
                            case StoreResult.CodeChanged: goto EndBlockAfter;
                            default: goto StoreFault;
                        }

                        break;
                    }

                    case Op.Sd:
                    {
                        ulong a = x[d->Rs1] + (ulong)(long)d->Imm;
                        TlbEntry* e = _tlb.Write + Tlb.IndexOf(a);
                        if (e->Page == ((a + 7) & ~0xFFFUL) && e->Space == _space)
                        {
                            Unsafe.WriteUnaligned((void*)(e->Delta + (nint)a), x[d->Rs2]);
                            break;
                        }

                        switch (StoreSlow(a, 8, x[d->Rs2]))
                        {
                            case StoreResult.Done: break;
                            case StoreResult.CodeChanged: goto EndBlockAfter;
                            default: goto StoreFault;
                        }

                        break;
                    }

                    case Op.Fsw:
                    {
                        ulong a = x[d->Rs1] + (ulong)(long)d->Imm;
                        TlbEntry* e = _tlb.Write + Tlb.IndexOf(a);
                        if (e->Page == ((a + 3) & ~0xFFFUL) && e->Space == _space)
                        {
                            Unsafe.WriteUnaligned((void*)(e->Delta + (nint)a), (uint)h->F[d->Rs2]);
                            break;
                        }

                        switch (StoreSlow(a, 4, (uint)h->F[d->Rs2]))
                        {
                            case StoreResult.Done: break;
                            case StoreResult.CodeChanged: goto EndBlockAfter;
                            default: goto StoreFault;
                        }

                        break;
                    }

                    case Op.Fsd:
                    {
                        ulong a = x[d->Rs1] + (ulong)(long)d->Imm;
                        TlbEntry* e = _tlb.Write + Tlb.IndexOf(a);
                        if (e->Page == ((a + 7) & ~0xFFFUL) && e->Space == _space)
                        {
                            Unsafe.WriteUnaligned((void*)(e->Delta + (nint)a), h->F[d->Rs2]);
                            break;
                        }

                        switch (StoreSlow(a, 8, h->F[d->Rs2]))
                        {
                            case StoreResult.Done: break;
                            case StoreResult.CodeChanged: goto EndBlockAfter;
                            default: goto StoreFault;
                        }

                        break;
                    }

                    // Integer register-immediate and register-register.
                    case Op.Addi: x[d->Rd] = x[d->Rs1] + (ulong)(long)d->Imm; break;
                    case Op.Slti: x[d->Rd] = (long)x[d->Rs1] < d->Imm ? 1UL : 0UL; break;
                    case Op.Sltiu: x[d->Rd] = x[d->Rs1] < (ulong)(long)d->Imm ? 1UL : 0UL; break;
                    case Op.Xori: x[d->Rd] = x[d->Rs1] ^ (ulong)(long)d->Imm; break;
                    case Op.Ori: x[d->Rd] = x[d->Rs1] | (ulong)(long)d->Imm; break;
                    case Op.Andi: x[d->Rd] = x[d->Rs1] & (ulong)(long)d->Imm; break;
                    case Op.Slli: x[d->Rd] = x[d->Rs1] << d->Imm; break;
                    case Op.Srli: x[d->Rd] = x[d->Rs1] >> d->Imm; break;
                    case Op.Srai: x[d->Rd] = (ulong)((long)x[d->Rs1] >> d->Imm); break;
                    case Op.Add: x[d->Rd] = x[d->Rs1] + x[d->Rs2]; break;
                    case Op.Sub: x[d->Rd] = x[d->Rs1] - x[d->Rs2]; break;
                    case Op.Sll: x[d->Rd] = x[d->Rs1] << (int)x[d->Rs2]; break;
                    case Op.Slt: x[d->Rd] = (long)x[d->Rs1] < (long)x[d->Rs2] ? 1UL : 0UL; break;
                    case Op.Sltu: x[d->Rd] = x[d->Rs1] < x[d->Rs2] ? 1UL : 0UL; break;
                    case Op.Xor: x[d->Rd] = x[d->Rs1] ^ x[d->Rs2]; break;
                    case Op.Srl: x[d->Rd] = x[d->Rs1] >> (int)x[d->Rs2]; break;
                    case Op.Sra: x[d->Rd] = (ulong)((long)x[d->Rs1] >> (int)x[d->Rs2]); break;
                    case Op.Or: x[d->Rd] = x[d->Rs1] | x[d->Rs2]; break;
                    case Op.And: x[d->Rd] = x[d->Rs1] & x[d->Rs2]; break;
                    case Op.Addiw: x[d->Rd] = (ulong)(long)(int)(x[d->Rs1] + (ulong)(long)d->Imm); break;
                    case Op.Slliw: x[d->Rd] = (ulong)(long)(int)((uint)x[d->Rs1] << d->Imm); break;
                    case Op.Srliw: x[d->Rd] = (ulong)(long)(int)((uint)x[d->Rs1] >> d->Imm); break;
                    case Op.Sraiw: x[d->Rd] = (ulong)(long)((int)x[d->Rs1] >> d->Imm); break;
                    case Op.Addw: x[d->Rd] = (ulong)(long)(int)(x[d->Rs1] + x[d->Rs2]); break;
                    case Op.Subw: x[d->Rd] = (ulong)(long)(int)(x[d->Rs1] - x[d->Rs2]); break;
                    case Op.Sllw: x[d->Rd] = (ulong)(long)(int)((uint)x[d->Rs1] << (int)x[d->Rs2]); break;
                    case Op.Srlw: x[d->Rd] = (ulong)(long)(int)((uint)x[d->Rs1] >> (int)x[d->Rs2]); break;
                    case Op.Sraw: x[d->Rd] = (ulong)(long)((int)x[d->Rs1] >> (int)x[d->Rs2]); break;

                    // M
                    case Op.Mul: x[d->Rd] = x[d->Rs1] * x[d->Rs2]; break;
                    case Op.Mulh: x[d->Rd] = (ulong)Math.BigMul((long)x[d->Rs1], (long)x[d->Rs2], out _); break;
                    case Op.Mulhu: x[d->Rd] = Math.BigMul(x[d->Rs1], x[d->Rs2], out _); break;
                    case Op.Mulhsu: x[d->Rd] = IntegerOps.MulHighSignedUnsigned(x[d->Rs1], x[d->Rs2]); break;
                    case Op.Div: x[d->Rd] = IntegerOps.Div(x[d->Rs1], x[d->Rs2]); break;
                    case Op.Divu: x[d->Rd] = IntegerOps.Divu(x[d->Rs1], x[d->Rs2]); break;
                    case Op.Rem: x[d->Rd] = IntegerOps.Rem(x[d->Rs1], x[d->Rs2]); break;
                    case Op.Remu: x[d->Rd] = IntegerOps.Remu(x[d->Rs1], x[d->Rs2]); break;
                    case Op.Mulw: x[d->Rd] = (ulong)(long)(int)(x[d->Rs1] * x[d->Rs2]); break;
                    case Op.Divw: x[d->Rd] = IntegerOps.Divw(x[d->Rs1], x[d->Rs2]); break;
                    case Op.Divuw: x[d->Rd] = IntegerOps.Divuw(x[d->Rs1], x[d->Rs2]); break;
                    case Op.Remw: x[d->Rd] = IntegerOps.Remw(x[d->Rs1], x[d->Rs2]); break;
                    case Op.Remuw: x[d->Rd] = IntegerOps.Remuw(x[d->Rs1], x[d->Rs2]); break;

                    case Op.Csrrw:
                    case Op.Csrrs:
                    case Op.Csrrc:
                    case Op.Csrrwi:
                    case Op.Csrrsi:
                    case Op.Csrrci:
                        if (!ExecuteCsr(h, d, retired))
                        {
                            reason = StopReason.IllegalInstruction;
                            goto StopHere;
                        }

                        break;

                    default:
                        if (d->Op <= Op.AmoMaxuD)
                        {
                            if (!ExecuteAtomic(h, d, out reason))
                            {
                                goto StopHere;
                            }

                            if (_codeChanged)
                            {
                                _codeChanged = false;
                                goto EndBlockAfter;
                            }
                        }
                        else if (!FloatOps.Execute(h, d))
                        {
                            reason = StopReason.IllegalInstruction;
                            goto StopHere;
                        }

                        break;
                }

                retired++;
                d = (DecodedInstruction*)((byte*)d + d->Stride);
                continue;

            Taken:
                target = PcOf(d) + (ulong)(long)d->Imm;
            Jump:
                retired++;
                if ((target & ~0xFFFUL) == _pageVa && retired < _budget)
                {
                    d = _slots + ((target & 0xFFF) >> 1);
                    continue;
                }

                pc = target;
                goto NextBlock;

            EndBlockAfter:
                retired++;
                pc = PcOf(d) + d->Length;
                goto NextBlock;

            LoadFault:
                return Fault(h, _faultResult == TranslationResult.AccessFault ? StopReason.LoadAccessFault : StopReason.LoadPageFault,
                    PcOf(d), retired, MemoryAccess.Read, _faultAddress);

            StoreFault:
                return Fault(h, _faultResult == TranslationResult.AccessFault ? StopReason.StoreAccessFault : StopReason.StorePageFault,
                    PcOf(d), retired, MemoryAccess.Write, _faultAddress);

            StopHere:
                return StopAt(h, reason, PcOf(d), retired, d);
            }

        NextBlock:
            ;
        }
    }

    /// <summary>The guest address of the instruction in slot <paramref name="d"/> of the current block's page.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong PcOf(DecodedInstruction* d) => _pageVa + (ulong)(((byte*)d - (byte*)_slots) >> 3);

    private HartStop Stop(HartState* h, StopReason reason, ulong pc, long retired)
    {
        h->Pc = pc;
        h->InstructionsRetired += (ulong)retired;
        return new HartStop(reason, pc, retired);
    }

    private HartStop StopAt(HartState* h, StopReason reason, ulong pc, long retired, DecodedInstruction* d)
    {
        _stopPc = pc;
        h->Pc = pc;
        h->InstructionsRetired += (ulong)retired;
        return reason switch
        {
            StopReason.IllegalInstruction => new HartStop(reason, pc, retired, InstructionBits: IllegalBits(d)),
            StopReason.LoadAddressMisaligned => new HartStop(reason, pc, retired, _faultAddress, MemoryAccess.Read),
            StopReason.StoreAddressMisaligned => new HartStop(reason, pc, retired, _faultAddress, MemoryAccess.Write),
            StopReason.StorePageFault or StopReason.StoreAccessFault => new HartStop(reason, pc, retired, _faultAddress, MemoryAccess.Write),
            StopReason.LoadPageFault or StopReason.LoadAccessFault => new HartStop(reason, pc, retired, _faultAddress, MemoryAccess.Read),
            _ => new HartStop(reason, pc, retired),
        };
    }

    private HartStop Fault(HartState* h, StopReason reason, ulong pc, long retired, MemoryAccess access, ulong address = ulong.MaxValue)
    {
        h->Pc = pc;
        h->InstructionsRetired += (ulong)retired;
        return new HartStop(reason, pc, retired, address == ulong.MaxValue ? pc : address, access);
    }

    private StopReason FetchFaultReason() =>
        _faultResult == TranslationResult.AccessFault ? StopReason.FetchAccessFault : StopReason.FetchPageFault;

    /// <summary>The bits of an illegal instruction: kept by the decoder, or, for an operation that
    /// proved illegal only when executed (a dynamic rounding mode while frm is invalid), fetched again.</summary>
    private uint IllegalBits(DecodedInstruction* d) =>
        d->Op == Op.Illegal ? (uint)d->Imm : FetchBitsForReport(d->Length);
}
