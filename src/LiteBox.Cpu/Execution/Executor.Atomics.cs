namespace LiteBox.Cpu;

// The A extension on host atomics, so harts that share memory on different host threads stay
// atomic with respect to each other. LR/SC follows QEMU: SC succeeds only if this hart's
// reservation survived (no context switch, no SC since) and memory still holds what LR read.
public sealed unsafe partial class Executor
{
    private bool ExecuteAtomic(HartState* h, DecodedInstruction* d, out StopReason reason)
    {
        ulong* x = h->X;
        ulong address = x[d->Rs1];
        ulong operand = x[d->Rs2];
        var op = d->Op;
        bool word = op is Op.LrW or Op.ScW || (op >= Op.AmoSwapW && op <= Op.AmoMaxuW);
        int size = word ? 4 : 8;
        reason = StopReason.BudgetExhausted;
        if ((address & (ulong)(size - 1)) != 0)
        {
            _faultAddress = address;
            reason = op is Op.LrW or Op.LrD ? StopReason.LoadAddressMisaligned : StopReason.StoreAddressMisaligned;
            return false;
        }

        if (op is Op.LrW or Op.LrD)
        {
            if (!TryReadPointer(address, size, out byte* source))
            {
                reason = _faultResult == TranslationResult.AccessFault ? StopReason.LoadAccessFault : StopReason.LoadPageFault;
                return false;
            }

            ulong value = word ? Volatile.Read(ref *(uint*)source) : Volatile.Read(ref *(ulong*)source);
            h->ReservationAddress = address;
            h->ReservationSize = (byte)size;
            h->ReservationValue = value;
            h->HasReservation = true;
            x[d->Rd] = word ? (ulong)(long)(int)value : value;
            return true;
        }

        if (!TryWritePointer(address, size, out byte* target))
        {
            reason = _faultResult == TranslationResult.AccessFault ? StopReason.StoreAccessFault : StopReason.StorePageFault;
            return false;
        }

        if (op is Op.ScW or Op.ScD)
        {
            bool reserved = h->HasReservation && h->ReservationAddress == address && h->ReservationSize == size;
            bool stored = reserved && (word
                ? Interlocked.CompareExchange(ref *(uint*)target, (uint)operand, (uint)h->ReservationValue) == (uint)h->ReservationValue
                : Interlocked.CompareExchange(ref *(ulong*)target, operand, h->ReservationValue) == h->ReservationValue);
            h->HasReservation = false;
            x[d->Rd] = stored ? 0UL : 1UL;
            return true;
        }

        x[d->Rd] = word ? (ulong)(long)AmoWord(op, (int*)target, (int)operand) : AmoDoubleword(op, (long*)target, (long)operand);
        return true;
    }

    /// <summary>Performs a 32-bit AMO and returns the old value.</summary>
    private static int AmoWord(Op op, int* target, int operand)
    {
        switch (op)
        {
            case Op.AmoSwapW: return Interlocked.Exchange(ref *target, operand);
            case Op.AmoAddW: return Interlocked.Add(ref *target, operand) - operand;
            case Op.AmoAndW: return Interlocked.And(ref *target, operand);
            case Op.AmoOrW: return Interlocked.Or(ref *target, operand);
        }

        int old = Volatile.Read(ref *target);
        while (true)
        {
            int result = op switch
            {
                Op.AmoXorW => old ^ operand,
                Op.AmoMinW => Math.Min(old, operand),
                Op.AmoMaxW => Math.Max(old, operand),
                Op.AmoMinuW => (int)Math.Min((uint)old, (uint)operand),
                _ => (int)Math.Max((uint)old, (uint)operand),
            };
            int seen = Interlocked.CompareExchange(ref *target, result, old);
            if (seen == old)
            {
                return old;
            }

            old = seen;
        }
    }

    /// <summary>Performs a 64-bit AMO and returns the old value.</summary>
    private static ulong AmoDoubleword(Op op, long* target, long operand)
    {
        switch (op)
        {
            case Op.AmoSwapD: return (ulong)Interlocked.Exchange(ref *target, operand);
            case Op.AmoAddD: return (ulong)(Interlocked.Add(ref *target, operand) - operand);
            case Op.AmoAndD: return (ulong)Interlocked.And(ref *target, operand);
            case Op.AmoOrD: return (ulong)Interlocked.Or(ref *target, operand);
        }

        long old = Volatile.Read(ref *target);
        while (true)
        {
            long result = op switch
            {
                Op.AmoXorD => old ^ operand,
                Op.AmoMinD => Math.Min(old, operand),
                Op.AmoMaxD => Math.Max(old, operand),
                Op.AmoMinuD => (long)Math.Min((ulong)old, (ulong)operand),
                _ => (long)Math.Max((ulong)old, (ulong)operand),
            };
            long seen = Interlocked.CompareExchange(ref *target, result, old);
            if (seen == old)
            {
                return (ulong)old;
            }

            old = seen;
        }
    }
}
