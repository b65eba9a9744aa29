using System.Numerics;
using System.Runtime.CompilerServices;
using LiteBox.Ecs;

namespace LiteBox.Core.Memory;

/// <summary>
/// Finds the page-table block of (space, block number): one open-addressing hash table shared by
/// every space (linear probing, tombstones), in flat arrays with no per-space collections.
/// </summary>
internal sealed class PageIndex
{
    private const ulong Empty = ulong.MaxValue;
    private const ulong Tombstone = ulong.MaxValue - 1;

    private ulong[] _keys;
    private Entity[] _values;

    // A same-size rehash (to clear tombstones) swaps into these instead of allocating.
    private ulong[] _spareKeys = [];
    private Entity[] _spareValues = [];
    private int _count;
    private int _used;

    public PageIndex(int capacity = 1024)
    {
        int size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, capacity * 2));
        _keys = new ulong[size];
        _keys.AsSpan().Fill(Empty);
        _values = new Entity[size];
    }

    public int Count => _count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong KeyOf(int space, ulong blockNumber) => ((ulong)(uint)space << 36) | blockNumber;

    public bool TryGet(ulong key, out Entity block)
    {
        int mask = _keys.Length - 1;
        for (int i = Hash(key) & mask; ; i = (i + 1) & mask)
        {
            ulong k = _keys[i];
            if (k == key)
            {
                block = _values[i];
                return true;
            }

            if (k == Empty)
            {
                block = default;
                return false;
            }
        }
    }

    public void Add(ulong key, Entity block)
    {
        if ((_used + 1) * 4 > _keys.Length * 3)
        {
            Rehash(_count * 2 >= _keys.Length / 2 ? _keys.Length * 2 : _keys.Length);
        }

        int mask = _keys.Length - 1;
        for (int i = Hash(key) & mask; ; i = (i + 1) & mask)
        {
            ulong k = _keys[i];
            if (k == Empty || k == Tombstone)
            {
                if (k == Empty)
                {
                    _used++;
                }

                _keys[i] = key;
                _values[i] = block;
                _count++;
                return;
            }
        }
    }

    public bool Remove(ulong key)
    {
        int mask = _keys.Length - 1;
        for (int i = Hash(key) & mask; ; i = (i + 1) & mask)
        {
            ulong k = _keys[i];
            if (k == key)
            {
                _keys[i] = Tombstone;
                _values[i] = default;
                _count--;
                return true;
            }

            if (k == Empty)
            {
                return false;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(ulong key)
    {
        ulong h = key * 0x9E37_79B9_7F4A_7C15UL;
        return (int)(h >> 32);
    }

    private void Rehash(int size)
    {
        var keys = _keys;
        var values = _values;
        if (_spareKeys.Length == size)
        {
            (_keys, _values) = (_spareKeys, _spareValues);
        }
        else
        {
            _keys = new ulong[size];
            _values = new Entity[size];
        }

        _keys.AsSpan().Fill(Empty);
        _values.AsSpan().Clear();
        _count = 0;
        _used = 0;
        for (int i = 0; i < keys.Length; i++)
        {
            if (keys[i] != Empty && keys[i] != Tombstone)
            {
                Add(keys[i], values[i]);
            }
        }

        (_spareKeys, _spareValues) = (keys, values);
    }
}
