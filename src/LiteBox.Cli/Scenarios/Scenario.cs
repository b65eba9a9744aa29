namespace LiteBox.Cli.Scenarios;

/// <summary>A workload the <c>scenario</c>, <c>compare</c> and <c>sweep</c> commands run: a mode of
/// the bundled scenario guest and the options that become its arguments.</summary>
/// <param name="Name">The name on the command line.</param>
/// <param name="Description">One line for the help.</param>
/// <param name="GuestMode">The scenario guest's mode (its argv[1]).</param>
/// <param name="Parameters">The options, in the order the guest takes them as arguments.</param>
public sealed record Scenario(string Name, string Description, string GuestMode, IReadOnlyList<ScenarioParameter> Parameters)
{
    /// <summary>The process limit the scenario runs with unless <c>--max-processes</c> says
    /// otherwise; null for the simulator's default.</summary>
    public int? DefaultMaximumProcesses { get; init; }

    /// <summary>The guest's argv for <paramref name="values"/> (one per parameter, in order).</summary>
    public string[] GuestArguments(IReadOnlyList<long> values)
    {
        var arguments = new string[values.Count + 2];
        arguments[0] = "scenario";
        arguments[1] = GuestMode;
        for (int i = 0; i < values.Count; i++)
        {
            arguments[i + 2] = values[i].ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return arguments;
    }

    /// <summary>The parameter named <paramref name="name"/> (without dashes), or null.</summary>
    public ScenarioParameter? Find(string name)
    {
        foreach (var parameter in Parameters)
        {
            if (parameter.Name == name)
            {
                return parameter;
            }
        }

        return null;
    }
}
