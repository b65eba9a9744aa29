using System.Numerics;
using LiteBox.Ecs;

namespace LiteBox.Core.Descriptors;

/// <summary>
/// Number to descriptor-slot lookup for every descriptor table, in O(1): one array of slot
/// entities carved into power-of-two segments, one segment per table, indexed by the descriptor
/// number. Freed segments are kept on a free list per size and reused, so tables that come and go
/// (fork and exit) cost no allocation once the array has grown to the peak.
/// </summary>
internal sealed class DescriptorIndex
{
    /// <summary>The smallest segment: stdin, stdout, stderr and one more.</summary>
    public const int MinimumCapacity = 4;

    private Entity[] _slots = new Entity[256];
    private int _used;
    private readonly int[][] _free = new int[32][];
    private readonly int[] _freeCounts = new int[32];

    /// <summary>A reference to the slot of <paramref name="number"/> in the segment at <paramref name="segment"/>.</summary>
    public ref Entity At(int segment, int number) => ref _slots[segment + number];

    /// <summary>The numbers of a segment.</summary>
    public Span<Entity> Segment(int segment, int capacity) => _slots.AsSpan(segment, capacity);

    /// <summary>The capacity a segment needs so that <paramref name="number"/> fits.</summary>
    public static int CapacityFor(int number) => (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(number + 1, MinimumCapacity));

    /// <summary>A cleared segment of <paramref name="capacity"/> numbers (a power of two).</summary>
    public int Allocate(int capacity)
    {
        int sizeClass = BitOperations.Log2((uint)capacity);
        int segment;
        if (_freeCounts[sizeClass] > 0)
        {
            segment = _free[sizeClass][--_freeCounts[sizeClass]];
        }
        else
        {
            if (_used + capacity > _slots.Length)
            {
                Array.Resize(ref _slots, Math.Max(_used + capacity, _slots.Length * 2));
            }

            segment = _used;
            _used += capacity;
        }

        _slots.AsSpan(segment, capacity).Clear();
        return segment;
    }

    /// <summary>Gives a segment back for reuse.</summary>
    public void Free(int segment, int capacity)
    {
        int sizeClass = BitOperations.Log2((uint)capacity);
        ref var list = ref _free[sizeClass];
        list ??= new int[16];
        if (_freeCounts[sizeClass] == list.Length)
        {
            Array.Resize(ref list, list.Length * 2);
        }

        list[_freeCounts[sizeClass]++] = segment;
    }
}
