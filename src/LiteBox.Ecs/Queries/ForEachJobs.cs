using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LiteBox.Ecs;

// Adapters from per-entity callbacks to chunk jobs, so the sequential and the parallel queries
// share one chunk walk. Each wraps exactly one field, so a ref to the callback can be
// reinterpreted as a ref to its adapter without copying.

[StructLayout(LayoutKind.Sequential)]
internal struct ForEachJob<TForEach, T0> : IChunkJob
    where TForEach : struct, IForEach<T0>
{
    public TForEach ForEach;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Execute(ref Chunk chunk)
    {
        ref T0 c0 = ref chunk.GetFirst<T0>();
        for (int i = 0, n = chunk.Count; i < n; i++)
        {
            ForEach.Update(ref Unsafe.Add(ref c0, i));
        }
    }
}

[StructLayout(LayoutKind.Sequential)]
internal struct ForEachJob<TForEach, T0, T1> : IChunkJob
    where TForEach : struct, IForEach<T0, T1>
{
    public TForEach ForEach;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Execute(ref Chunk chunk)
    {
        ref T0 c0 = ref chunk.GetFirst<T0>();
        ref T1 c1 = ref chunk.GetFirst<T1>();
        for (int i = 0, n = chunk.Count; i < n; i++)
        {
            ForEach.Update(ref Unsafe.Add(ref c0, i), ref Unsafe.Add(ref c1, i));
        }
    }
}

[StructLayout(LayoutKind.Sequential)]
internal struct ForEachJob<TForEach, T0, T1, T2> : IChunkJob
    where TForEach : struct, IForEach<T0, T1, T2>
{
    public TForEach ForEach;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Execute(ref Chunk chunk)
    {
        ref T0 c0 = ref chunk.GetFirst<T0>();
        ref T1 c1 = ref chunk.GetFirst<T1>();
        ref T2 c2 = ref chunk.GetFirst<T2>();
        for (int i = 0, n = chunk.Count; i < n; i++)
        {
            ForEach.Update(ref Unsafe.Add(ref c0, i), ref Unsafe.Add(ref c1, i), ref Unsafe.Add(ref c2, i));
        }
    }
}

[StructLayout(LayoutKind.Sequential)]
internal struct ForEachJob<TForEach, T0, T1, T2, T3> : IChunkJob
    where TForEach : struct, IForEach<T0, T1, T2, T3>
{
    public TForEach ForEach;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Execute(ref Chunk chunk)
    {
        ref T0 c0 = ref chunk.GetFirst<T0>();
        ref T1 c1 = ref chunk.GetFirst<T1>();
        ref T2 c2 = ref chunk.GetFirst<T2>();
        ref T3 c3 = ref chunk.GetFirst<T3>();
        for (int i = 0, n = chunk.Count; i < n; i++)
        {
            ForEach.Update(ref Unsafe.Add(ref c0, i), ref Unsafe.Add(ref c1, i), ref Unsafe.Add(ref c2, i), ref Unsafe.Add(ref c3, i));
        }
    }
}

[StructLayout(LayoutKind.Sequential)]
internal struct ForEachWithEntityJob<TForEach, T0> : IChunkJob
    where TForEach : struct, IForEachWithEntity<T0>
{
    public TForEach ForEach;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Execute(ref Chunk chunk)
    {
        ref Entity e = ref MemoryMarshal.GetArrayDataReference(chunk.EntityArray);
        ref T0 c0 = ref chunk.GetFirst<T0>();
        for (int i = 0, n = chunk.Count; i < n; i++)
        {
            ForEach.Update(Unsafe.Add(ref e, i), ref Unsafe.Add(ref c0, i));
        }
    }
}

[StructLayout(LayoutKind.Sequential)]
internal struct ForEachWithEntityJob<TForEach, T0, T1> : IChunkJob
    where TForEach : struct, IForEachWithEntity<T0, T1>
{
    public TForEach ForEach;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Execute(ref Chunk chunk)
    {
        ref Entity e = ref MemoryMarshal.GetArrayDataReference(chunk.EntityArray);
        ref T0 c0 = ref chunk.GetFirst<T0>();
        ref T1 c1 = ref chunk.GetFirst<T1>();
        for (int i = 0, n = chunk.Count; i < n; i++)
        {
            ForEach.Update(Unsafe.Add(ref e, i), ref Unsafe.Add(ref c0, i), ref Unsafe.Add(ref c1, i));
        }
    }
}

[StructLayout(LayoutKind.Sequential)]
internal struct ForEachWithEntityJob<TForEach, T0, T1, T2> : IChunkJob
    where TForEach : struct, IForEachWithEntity<T0, T1, T2>
{
    public TForEach ForEach;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Execute(ref Chunk chunk)
    {
        ref Entity e = ref MemoryMarshal.GetArrayDataReference(chunk.EntityArray);
        ref T0 c0 = ref chunk.GetFirst<T0>();
        ref T1 c1 = ref chunk.GetFirst<T1>();
        ref T2 c2 = ref chunk.GetFirst<T2>();
        for (int i = 0, n = chunk.Count; i < n; i++)
        {
            ForEach.Update(Unsafe.Add(ref e, i), ref Unsafe.Add(ref c0, i), ref Unsafe.Add(ref c1, i), ref Unsafe.Add(ref c2, i));
        }
    }
}
