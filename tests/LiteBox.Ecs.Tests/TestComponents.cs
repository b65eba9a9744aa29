namespace LiteBox.Ecs.Tests;

// Component types shared by the tests. Record structs compare by value, so a component read back
// from the world can be compared with Is.EqualTo.

/// <summary>An 8-byte component.</summary>
internal record struct Position(int X, int Y);

/// <summary>An 8-byte component.</summary>
internal record struct Velocity(int Dx, int Dy);

/// <summary>A 4-byte component.</summary>
internal record struct Health(int Value);

/// <summary>An 8-byte component.</summary>
internal record struct Mass(long Value);

/// <summary>A tag: no data.</summary>
internal record struct Frozen;

/// <summary>A component that holds a managed reference.</summary>
internal record struct Label(string? Text);

/// <summary>A component only the randomized model test puts on entities a command buffer creates.</summary>
internal record struct Tracer(int Value);

/// <summary>A class component: the column holds references.</summary>
internal sealed class Payload(int value)
{
    public int Value { get; set; } = value;
}

/// <summary>A 1 KiB component, so only a few fit in a chunk.</summary>
[System.Runtime.CompilerServices.InlineArray(256)]
internal struct Kilobyte
{
    private int _element;
}
