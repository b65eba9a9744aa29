namespace LiteBox.Cpu;

/// <summary>
/// Supplies the <c>time</c> CSR. The simulation provides one derived from retired instructions, so
/// that what a guest reads is deterministic.
/// </summary>
public interface IHartClock
{
    /// <summary>The value of <c>time</c> for a hart that has retired <paramref name="instructionsRetired"/>
    /// instructions in total.</summary>
    ulong ReadTime(ulong instructionsRetired);
}

/// <summary>The default clock: one tick of <c>time</c> per retired instruction of the reading hart.</summary>
public sealed class InstructionClock : IHartClock
{
    /// <inheritdoc />
    public ulong ReadTime(ulong instructionsRetired) => instructionsRetired;
}
