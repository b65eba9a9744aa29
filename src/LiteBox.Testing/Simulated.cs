using LiteBox.Testing.Constraints;

namespace LiteBox.Testing;

/// <summary>NUnit constraints for simulated processes and runs:
/// <c>Assert.That(process, Simulated.ExitedWith(0))</c>, <c>Assert.That(os.Run(), Simulated.DeadlockFree)</c>,
/// <c>Assert.That(os, Simulated.LeakFree)</c>.</summary>
public static class Simulated
{
    /// <summary>The <see cref="GuestProcess"/> exited with <paramref name="code"/>.</summary>
    public static ExitedWithConstraint ExitedWith(int code) => new(code);

    /// <summary>Signal <paramref name="signal"/> killed the <see cref="GuestProcess"/>.</summary>
    public static KilledByConstraint KilledBy(int signal) => new(signal);

    /// <summary>The <see cref="GuestProcess"/> wrote exactly <paramref name="output"/> to stdout.</summary>
    public static PrintedConstraint Printed(string output) => new(output);

    /// <summary>The <see cref="SimulatedRun"/> did not deadlock.</summary>
    public static DeadlockFreeConstraint DeadlockFree => new();

    /// <summary>The <see cref="SimulatedOs"/> (or <see cref="Systems.Simulation.SimulationResources"/>
    /// counted from one) holds nothing but init and the program images it caches: no process,
    /// descriptor, pipe or waiter, no frame beyond the images' and no entity beyond init's and the
    /// images'. A failure names what is held.</summary>
    public static LeakFreeConstraint LeakFree => new();
}
