namespace LiteBox.Ecs;

/// <summary>Work on one chunk at a time; the struct form lets the JIT inline the call.</summary>
public interface IChunkJob
{
    /// <summary>Processes the entities of <paramref name="chunk"/>.</summary>
    void Execute(ref Chunk chunk);
}

/// <summary>A per-entity callback over one component, for <see cref="World.InlineQuery{T, T0}(in QueryDescription, ref T)"/>.</summary>
public interface IForEach<T0>
{
    /// <summary>Called once per matching entity.</summary>
    void Update(ref T0 c0);
}

/// <summary>A per-entity callback over two components.</summary>
public interface IForEach<T0, T1>
{
    /// <summary>Called once per matching entity.</summary>
    void Update(ref T0 c0, ref T1 c1);
}

/// <summary>A per-entity callback over three components.</summary>
public interface IForEach<T0, T1, T2>
{
    /// <summary>Called once per matching entity.</summary>
    void Update(ref T0 c0, ref T1 c1, ref T2 c2);
}

/// <summary>A per-entity callback over four components.</summary>
public interface IForEach<T0, T1, T2, T3>
{
    /// <summary>Called once per matching entity.</summary>
    void Update(ref T0 c0, ref T1 c1, ref T2 c2, ref T3 c3);
}

/// <summary>A per-entity callback that also receives the entity.</summary>
public interface IForEachWithEntity<T0>
{
    /// <summary>Called once per matching entity.</summary>
    void Update(Entity entity, ref T0 c0);
}

/// <summary>A per-entity callback over two components that also receives the entity.</summary>
public interface IForEachWithEntity<T0, T1>
{
    /// <summary>Called once per matching entity.</summary>
    void Update(Entity entity, ref T0 c0, ref T1 c1);
}

/// <summary>A per-entity callback over three components that also receives the entity.</summary>
public interface IForEachWithEntity<T0, T1, T2>
{
    /// <summary>Called once per matching entity.</summary>
    void Update(Entity entity, ref T0 c0, ref T1 c1, ref T2 c2);
}
