namespace LiteBox.Systems.Simulation;

/// <summary>SplitMix64: a small, fast, seedable generator for everything random a guest sees, so
/// the same seed gives the same bytes on every host.</summary>
internal sealed class DeterministicRandom(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        ulong z = _state += 0x9E37_79B9_7F4A_7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EBUL;
        return z ^ (z >> 31);
    }

    public void Fill(Span<byte> destination)
    {
        while (destination.Length >= 8)
        {
            BitConverter.TryWriteBytes(destination, Next());
            destination = destination[8..];
        }

        if (!destination.IsEmpty)
        {
            Span<byte> last = stackalloc byte[8];
            BitConverter.TryWriteBytes(last, Next());
            last[..destination.Length].CopyTo(destination);
        }
    }
}
