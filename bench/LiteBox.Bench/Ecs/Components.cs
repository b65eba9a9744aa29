namespace LiteBox.Bench.Ecs;

// Small value components of the sizes the simulator's hot components are made of.
public struct Position
{
    public long X;
}

public struct Velocity
{
    public long Dx;
}

public struct Mass
{
    public long Value;
}

public struct Tag
{
}

public struct Other
{
    public int Value;
}
