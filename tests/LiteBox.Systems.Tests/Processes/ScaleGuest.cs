using LiteBox.Systems.Simulation;

namespace LiteBox.Systems.Tests;

/// <summary>Runs guests/scale/bin/scale in a simulation and checks that a finished run leaves
/// nothing behind but init and the program's image (<see cref="GuestPrograms.AssertNothingLeft"/>).</summary>
internal static class ScaleGuest
{
    public static string Binary => Path.Combine(GuestPrograms.RepositoryRoot, "guests", "scale", "bin", "scale");

    public static RunResult Run(SimulationOptions options, params string[] arguments)
    {
        using var simulation = new Simulation.Simulation(options);
        simulation.Spawn(Binary, ["scale", .. arguments]);
        var result = simulation.Run();
        if (result.Outcome == RunOutcome.Exited)
        {
            AssertNothingLeft(simulation);
        }

        return result;
    }

    public static void AssertNothingLeft(Simulation.Simulation simulation) => GuestPrograms.AssertNothingLeft(simulation, "scale");

    public static string Output(RunResult result) => System.Text.Encoding.UTF8.GetString(result.StandardOutput);
}
